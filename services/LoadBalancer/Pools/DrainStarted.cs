namespace Surge.LoadBalancer.Pools;

/// <summary>
/// A saga asked to drain instances of a service's pool. Members among them receive no new requests from then on, and
/// requests in flight to them may run until <paramref name="Until"/>, after which they are removed.
/// </summary>
/// <param name="SagaId">The saga that requested the drain and receives the reply.</param>
/// <param name="InstanceIds">The requested instances, including any that are not members, which are listed in the reply.</param>
/// <param name="Until">The drain's deadline: the request time plus the drain timeout.</param>
public sealed record DrainStarted(Guid SagaId, IReadOnlyList<Guid> InstanceIds, DateTimeOffset Until);
