namespace Surge.Contracts.Instances;

/// <summary>Reports that an instance is running and ready, and where it serves HTTP.</summary>
public sealed record InstanceStarted(Guid SagaId, Guid InstanceId, string Endpoint) : ISagaMessage;
