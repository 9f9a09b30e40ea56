namespace Surge.Provisioner.Instances;

/// <summary>An in-place update that was requested and has not finished: the saga that asked for it and the image it installs.</summary>
public sealed record PendingUpdate(Guid SagaId, string Image);
