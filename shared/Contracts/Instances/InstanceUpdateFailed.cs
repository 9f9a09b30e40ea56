namespace Surge.Contracts.Instances;

/// <summary>Reports that an instance could not be updated in place, and why.</summary>
public sealed record InstanceUpdateFailed(Guid SagaId, Guid InstanceId, string Image, string Reason) : ISagaMessage;
