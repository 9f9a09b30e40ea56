namespace Surge.Contracts.Instances;

/// <summary>Reports that an instance could not be started.</summary>
public sealed record InstanceStartFailed(Guid SagaId, Guid InstanceId, string Reason) : ISagaMessage;
