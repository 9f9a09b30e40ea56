namespace Surge.Contracts.Backends;

/// <summary>Reports that the backends have the weight, and for weight 0 that their requests in flight finished or the drain timeout passed.</summary>
public sealed record BackendWeightsSet(Guid SagaId, string Service, IReadOnlyList<Guid> InstanceIds, int Weight) : ISagaMessage;
