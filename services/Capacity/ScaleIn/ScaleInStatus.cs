namespace Surge.Capacity.ScaleIn;

/// <summary>Where a scale-in saga is; each waiting status names what the saga waits for.</summary>
public enum ScaleInStatus
{
    /// <summary>Victims chosen and marked; waiting for the load balancer to drain them.</summary>
    Draining,

    /// <summary>Drained; waiting for the provisioner to stop the victims.</summary>
    StoppingInstances,

    /// <summary>Stopped, or stopping given up on; waiting for Ipam to release the victims' addresses.</summary>
    ReleasingAddresses,

    /// <summary>Finished: every victim was removed and its capacity released.</summary>
    Completed,

    /// <summary>Finished after a failure: aborted and restored before stopping, or gone forward with the failures recorded.</summary>
    Failed,
}
