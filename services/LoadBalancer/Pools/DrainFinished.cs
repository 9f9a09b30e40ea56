namespace Surge.LoadBalancer.Pools;

/// <summary>The end of a saga's drain: its members were removed from the pool, and the reply to the saga was published.</summary>
/// <param name="SagaId">The saga whose drain ended.</param>
/// <param name="DeadlinePassed">True when the drain ended at its deadline rather than because requests in flight had completed.</param>
public sealed record DrainFinished(Guid SagaId, bool DeadlinePassed);
