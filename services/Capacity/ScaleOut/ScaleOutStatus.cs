namespace Surge.Capacity.ScaleOut;

/// <summary>Where a scale-out saga is; each waiting status names what the saga waits for.</summary>
public enum ScaleOutStatus
{
    /// <summary>Recorded; waiting for placement.</summary>
    Requested,

    /// <summary>Existing nodes could not hold the instances; waiting for cloud nodes to join the pool.</summary>
    ProvisioningNodes,

    /// <summary>Placed and reserved; waiting for Ipam.</summary>
    AllocatingAddresses,

    /// <summary>Addresses assigned; waiting for every instance to report ready.</summary>
    StartingInstances,

    /// <summary>Enough instances ready; waiting for the load balancer.</summary>
    RegisteringBackends,

    /// <summary>A step failed or an operator cancelled; waiting for participants to confirm each undo step.</summary>
    Compensating,

    /// <summary>Finished: every instance serves traffic.</summary>
    Completed,

    /// <summary>Finished: at least the requested minimum, but not every instance, serves traffic; the others were undone.</summary>
    PartiallyCompleted,

    /// <summary>Finished: a step failed and the completed steps were undone.</summary>
    Failed,

    /// <summary>Finished: an operator cancelled and the completed steps were undone.</summary>
    Cancelled,

    /// <summary>Finished: the request was recorded but not carried out.</summary>
    Declined,
}
