namespace Surge.Contracts.Instances;

/// <summary>
/// Asks the provisioner to update instances in place to <paramref name="Image"/>: each stays on its node with its
/// address and restarts with the new image. An instance that already runs the image is reported updated at once.
/// </summary>
public sealed record UpdateInstances(Guid SagaId, string Service, string Image, IReadOnlyList<Guid> InstanceIds) : ISagaMessage;
