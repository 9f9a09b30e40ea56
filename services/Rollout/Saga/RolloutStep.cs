namespace Surge.Rollout.Saga;

/// <summary>What a rollout waits for; each waiting step has a deadline in the state.</summary>
public enum RolloutStep
{
    /// <summary>Nothing: the rollout is paused or finished.</summary>
    None,

    /// <summary>The provisioner's list of running instances.</summary>
    Describe,

    /// <summary>The load balancer's confirmation that the batch has weight 0 and no requests in flight.</summary>
    Drain,

    /// <summary>One update reply per instance of the batch.</summary>
    Update,

    /// <summary>The HTTP check of each updated instance.</summary>
    Probe,

    /// <summary>The load balancer's confirmation that the batch's weight is back.</summary>
    Restore,

    /// <summary>The load balancer's count of requests and failures for the batch during the measurement window.</summary>
    Measure,

    /// <summary>The pause between two batches.</summary>
    Wait,

    /// <summary>The end of the scale-out that starts a recreate batch's new instances.</summary>
    Replace,

    /// <summary>The end of the scale-in that removes the instances a recreate batch replaced.</summary>
    Remove,
}
