namespace Surge.Contracts.Instances;

/// <summary>Reports that an instance runs <paramref name="Image"/> and is ready again at <paramref name="Endpoint"/>.</summary>
public sealed record InstanceUpdated(Guid SagaId, Guid InstanceId, string Image, string Endpoint) : ISagaMessage;
