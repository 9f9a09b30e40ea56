namespace Surge.Contracts.Backends;

/// <summary>
/// Asks the load balancer to give these backends <paramref name="Weight"/> without adding or removing any. Weight 0
/// sends them no new requests, and the reply waits until their requests in flight finished or
/// <paramref name="DrainTimeout"/> passed. A weight above 0 takes effect at once.
/// </summary>
public sealed record SetBackendWeights(Guid SagaId, string Service, IReadOnlyList<Guid> InstanceIds, int Weight, TimeSpan DrainTimeout) : ISagaMessage;
