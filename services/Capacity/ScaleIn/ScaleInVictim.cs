namespace Surge.Capacity.ScaleIn;

/// <summary>One instance a scale-in saga removes, and how far its removal got.</summary>
/// <param name="Pool">The pool of the node the instance runs on.</param>
/// <param name="Endpoint">The endpoint the instance serves on, taken from its scale-out saga; null when no saga in Capacity records it.</param>
/// <param name="Borrowed">Whether the instance runs on capacity borrowed from a pool other than the service's own.</param>
/// <param name="ReservedAt">When its reservation was made; null for reservations recorded before this was kept.</param>
/// <param name="FailureReason">Why a step did not confirm this instance, once the saga went on without the confirmation.</param>
public sealed record ScaleInVictim(
    Guid InstanceId,
    string Node,
    string Pool,
    string? Endpoint,
    bool Borrowed,
    DateTimeOffset? ReservedAt,
    VictimStage Stage = VictimStage.Draining,
    string? FailureReason = null);

/// <summary>How far the removal of one victim got.</summary>
public enum VictimStage
{
    /// <summary>Waiting for the load balancer to drain it.</summary>
    Draining,

    /// <summary>Drained; waiting for the provisioner to stop it.</summary>
    Stopping,

    /// <summary>Stopped, or its stop was given up on; waiting for Ipam to release its address.</summary>
    ReleasingAddress,

    /// <summary>Finished: its reservation was released.</summary>
    Removed,

    /// <summary>Finished: the saga aborted before stopping it, so it serves traffic again.</summary>
    Restored,
}
