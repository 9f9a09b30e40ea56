namespace Surge.Contracts.Backends;

/// <summary>
/// Asks the load balancer to stop sending new requests to these instances, let requests in flight finish for at most
/// <paramref name="DrainTimeout"/>, then remove them from the service's pool.
/// </summary>
public sealed record DrainBackends(Guid SagaId, string Service, IReadOnlyList<Guid> InstanceIds, TimeSpan DrainTimeout) : ISagaMessage;
