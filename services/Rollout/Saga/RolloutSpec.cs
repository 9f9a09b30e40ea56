namespace Surge.Rollout.Saga;

/// <summary>How a rollout proceeds, as validated from the request.</summary>
/// <param name="BatchCount">The instances per batch, or null when <paramref name="BatchPercent"/> gives it.</param>
/// <param name="BatchPercent">The share of the service's instances per batch, rounded up, or null.</param>
/// <param name="MaxUnavailable">The most instances out of service at once, failed ones included; null means the batch size.</param>
/// <param name="PauseBetweenBatches">How long to wait after a batch before the next one starts.</param>
/// <param name="FailureThreshold">How many failed instances start the automatic rollback.</param>
/// <param name="DrainTimeout">How long the load balancer waits for requests in flight when draining a batch.</param>
public sealed record RolloutSpec(
    RolloutStrategy Strategy,
    int? BatchCount,
    int? BatchPercent,
    int? MaxUnavailable,
    TimeSpan PauseBetweenBatches,
    HealthGate HealthGate,
    int FailureThreshold,
    TimeSpan DrainTimeout)
{
    /// <summary>The instances per batch for a service with <paramref name="instanceCount"/> instances: at least 1.</summary>
    public int BatchSizeFor(int instanceCount) => BatchPercent is { } percent
        ? Math.Max(1, (int)Math.Ceiling(instanceCount * percent / 100.0))
        : Math.Max(1, BatchCount ?? 1);
}

/// <summary>What a batch must pass before the next one starts; readiness (the update reply) is always required.</summary>
/// <param name="HttpPath">The path Rollout requests on each updated instance. A 2xx response passes. Null skips the check.</param>
/// <param name="MaxErrorRate">The highest share of failed requests the load balancer may see for the batch, 0 to 1; null skips the measurement.</param>
/// <param name="Window">How long the load balancer counts requests to the batch.</param>
public sealed record HealthGate(string? HttpPath, double? MaxErrorRate, TimeSpan Window);
