namespace Surge.LoadBalancer.Pools;

/// <summary>
/// A saga asked to drain instances of a service's pool. Members among them receive no new requests from then on, and
/// requests in flight to them may run until <paramref name="Until"/>, after which they are removed, unless
/// <paramref name="KeepMembers"/> is set.
/// </summary>
/// <param name="SagaId">The saga that requested the drain and receives the reply.</param>
/// <param name="InstanceIds">The requested instances, including any that are not members, which are listed in the reply.</param>
/// <param name="Until">The drain's deadline: the request time plus the drain timeout.</param>
/// <param name="KeepMembers">
/// True when the drain only waits for requests in flight after the instances' weight was set to 0: they stay members, and
/// the reply is <c>BackendWeightsSet</c> rather than <c>BackendsDrained</c>. False, the default of events stored before
/// weights existed, for a drain that removes them.
/// </param>
public sealed record DrainStarted(Guid SagaId, IReadOnlyList<Guid> InstanceIds, DateTimeOffset Until, bool KeepMembers = false);
