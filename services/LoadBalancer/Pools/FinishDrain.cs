namespace Surge.LoadBalancer.Pools;

/// <summary>End a saga's drain: remove its instances that are still members, then close the drain.</summary>
/// <param name="SagaId">The saga whose drain ends.</param>
/// <param name="DeadlinePassed">True when the drain ends because its deadline passed, possibly with requests still in flight.</param>
public sealed record FinishDrain(Guid SagaId, bool DeadlinePassed);
