using Surge.Contracts.Instances;

namespace Surge.Capacity.ScaleOut;

/// <summary>A scale-out saga folded from its events: what its decisions need and what its API shows.</summary>
/// <param name="Deadline">When the step the saga waits for must have answered; null once finished.</param>
/// <param name="MinimumCount">The fewest ready instances the request accepts.</param>
/// <param name="PendingUndo">The undo steps still to confirm while compensating, in order.</param>
/// <param name="Cancelled">Whether an operator cancelled the saga.</param>
/// <param name="OverflowAttempts">The cloud node requests made while placement did not fit, oldest first.</param>
/// <param name="DegradationTerms">When and how the saga may degrade its service, from the request; null for never.</param>
/// <param name="Degradation">Where the saga's degradation stands; null while it never switched degradation on.</param>
/// <param name="CorrelationId">The correlation id of the request that started the saga; work the saga starts itself, such as a timeout, carries it.</param>
public sealed record ScaleOutState(
    string Id,
    Guid SagaId,
    string Service,
    string Pool,
    int RequestedCount,
    InstanceShape Shape,
    ScaleOutTrigger Trigger,
    ScaleOutStatus Status,
    IReadOnlyList<PlannedInstance> Instances,
    DateTimeOffset RequestedAt,
    DateTimeOffset? FinishedAt = null,
    string? FailedStep = null,
    string? FailureReason = null,
    DateTimeOffset? Deadline = null,
    int MinimumCount = 0,
    IReadOnlyList<string>? PendingUndo = null,
    bool Cancelled = false,
    string? CorrelationId = null,
    IReadOnlyList<OverflowAttempt>? OverflowAttempts = null,
    ScaleOutDegradation? DegradationTerms = null,
    SagaDegradation? Degradation = null)
{
    /// <summary>The cloud node requests the saga made, in order.</summary>
    public IReadOnlyList<OverflowAttempt> Overflow => OverflowAttempts ?? [];

    /// <summary>The stream key of a scale-out saga.</summary>
    public static string StreamKey(Guid sagaId) => $"scale-out/{sagaId}";

    /// <summary>Whether the saga has finished, one way or another.</summary>
    public bool IsFinished => Status is ScaleOutStatus.Completed or ScaleOutStatus.PartiallyCompleted
        or ScaleOutStatus.Failed or ScaleOutStatus.Cancelled or ScaleOutStatus.Declined;

    /// <summary>
    /// Whether the saga failed or was cancelled, so that whatever a participant still completes for it afterwards must
    /// be undone, since compensation may already have passed that step.
    /// </summary>
    public bool GaveUp => Status is ScaleOutStatus.Compensating or ScaleOutStatus.Failed or ScaleOutStatus.Cancelled;

    /// <summary>Whether the saga asked to switch degradation on and not yet to switch it off.</summary>
    public bool HoldsDegradation => Degradation is { Holding: true };

    /// <summary>The undo steps still to confirm; empty unless compensating.</summary>
    public IReadOnlyList<string> Undo => PendingUndo ?? [];
}

/// <summary>One request for cloud nodes and how it ended.</summary>
/// <param name="Nodes">The nodes that joined; empty while waiting or when the provider could not give them.</param>
/// <param name="Failure">Why the provider could not give them; null otherwise.</param>
/// <param name="NodeCount">How many nodes were asked for.</param>
public sealed record OverflowAttempt(Guid RequestId, string Provider, Surge.Contracts.Nodes.NodeSize Size, IReadOnlyList<string> Nodes, string? Failure = null, int NodeCount = 0)
{
    /// <summary>Whether the provider has neither given the nodes nor refused them yet.</summary>
    public bool Pending => Nodes.Count == 0 && Failure is null;
}
