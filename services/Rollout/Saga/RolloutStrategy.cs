namespace Surge.Rollout.Saga;

/// <summary>How a rollout replaces the instances of a batch.</summary>
public enum RolloutStrategy
{
    /// <summary>Update in place without touching weights; requests in flight to a restarting instance may fail.</summary>
    InPlace,

    /// <summary>Drain the batch at the load balancer first, update in place, then restore its weight; no request is lost.</summary>
    DrainedInPlace,
}
