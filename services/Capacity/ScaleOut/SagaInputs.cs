namespace Surge.Capacity.ScaleOut;

/// <summary>The scheduler's answer for a saga: a node per instance, or why the instances do not fit.</summary>
/// <param name="Overflow">When the instances do not fit, the cloud nodes to ask for before giving up; null when no provider can help.</param>
public sealed record PlacementDecision(IReadOnlyList<InstancePlacement> Placements, string? FailureReason, OverflowPlan? Overflow = null)
{
    /// <summary>A placement for every requested instance.</summary>
    public static PlacementDecision Placed(IReadOnlyList<InstancePlacement> placements) => new(placements, null);

    /// <summary>The instances do not fit, for the given reason.</summary>
    public static PlacementDecision Failed(string reason, OverflowPlan? overflow = null) => new([], reason, overflow);
}

/// <summary>The deadline stored with the saga has passed; sent by the deadline scanner.</summary>
public sealed record DeadlinePassed(DateTimeOffset Deadline);

/// <summary>A participant gave up on a command of this saga after its retries (a fault), for the given step.</summary>
/// <param name="IsUndo">Whether the command was an undo command (deregister, stop, release) rather than the step's forward command.</param>
/// <param name="InstanceIds">The instances an undo command covered; an undo step is abandoned only for a fault of the command that covered all of them.</param>
public sealed record StepFaulted(string Step, string Reason, bool IsUndo = false, IReadOnlyList<Guid>? InstanceIds = null);

/// <summary>An operator asks to cancel the saga.</summary>
public sealed record CancelSaga(string Reason);
