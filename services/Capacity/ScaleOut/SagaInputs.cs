namespace Surge.Capacity.ScaleOut;

/// <summary>The scheduler's answer for a saga: a node per instance, or why the instances do not fit.</summary>
public sealed record PlacementDecision(IReadOnlyList<InstancePlacement> Placements, string? FailureReason)
{
    /// <summary>A placement for every requested instance.</summary>
    public static PlacementDecision Placed(IReadOnlyList<InstancePlacement> placements) => new(placements, null);

    /// <summary>The instances do not fit, for the given reason.</summary>
    public static PlacementDecision Failed(string reason) => new([], reason);
}

/// <summary>The deadline stored with the saga has passed; sent by the deadline scanner.</summary>
public sealed record DeadlinePassed(DateTimeOffset Deadline);

/// <summary>A participant gave up on a command of this saga after its retries (a fault), for the given step.</summary>
/// <param name="IsUndo">Whether the command was an undo command (deregister, stop, release) rather than the step's forward command.</param>
/// <param name="InstanceIds">The instances an undo command covered; an undo step is abandoned only for a fault of the command that covered all of them.</param>
public sealed record StepFaulted(string Step, string Reason, bool IsUndo = false, IReadOnlyList<Guid>? InstanceIds = null);

/// <summary>An operator asks to cancel the saga.</summary>
public sealed record CancelSaga(string Reason);
