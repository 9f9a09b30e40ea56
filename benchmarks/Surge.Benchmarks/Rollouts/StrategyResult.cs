namespace Surge.Benchmarks.Rollouts;

/// <summary>What one strategy did: its outcome, its wall time and what the load balancer saw.</summary>
/// <param name="Strategy">The strategy's name.</param>
/// <param name="Outcome">The final status of the rollout, or of each saga for recreate.</param>
/// <param name="Elapsed">From the first request to the final status seen.</param>
/// <param name="Pool">The backend pool's changes during the run.</param>
/// <param name="OnNewImage">Instances known to run the new image at the end.</param>
/// <param name="Traffic">Requests through the data plane while the strategy ran, and those that failed.</param>
/// <param name="Detail">How the time splits, or what the strategy did beyond the numbers.</param>
public sealed record StrategyResult(string Strategy, string Outcome, TimeSpan Elapsed, PoolChanges Pool, int OnNewImage, TrafficCount Traffic, string Detail);
