namespace Surge.Capacity.ScaleIn;

/// <summary>A scale-in saga as the API shows it; <see cref="Kind"/> is always <c>scale-in</c>.</summary>
/// <param name="FailedStep">The first step that failed, if any.</param>
/// <param name="FailureReason">Why that step failed.</param>
/// <param name="Failures">Every failed step in order; after stopping began the saga goes on, so there can be more than one.</param>
public sealed record ScaleInView(
    Guid SagaId,
    string Kind,
    string Service,
    string Pool,
    string Status,
    int RequestedCount,
    TimeSpan DrainTimeout,
    string? RequestedBy,
    DateTimeOffset RequestedAt,
    DateTimeOffset? CompletedAt,
    string? FailedStep,
    string? FailureReason,
    IReadOnlyList<ScaleInFailureView> Failures,
    DateTimeOffset? Deadline,
    IReadOnlyList<ScaleInVictimView> Victims)
{
    /// <summary>Creates the view of a saga's state.</summary>
    public static ScaleInView From(ScaleInState state) => new(
        state.SagaId,
        "scale-in",
        state.Service,
        state.Pool,
        state.Status.ToString(),
        state.RequestedCount,
        state.DrainTimeout,
        state.RequestedBy,
        state.RequestedAt,
        state.FinishedAt,
        state.FailedSteps.FirstOrDefault()?.Step,
        state.FailedSteps.FirstOrDefault()?.Reason,
        [.. state.FailedSteps.Select(f => new ScaleInFailureView(f.Step, f.Reason, f.TimedOut, f.At))],
        state.Deadline,
        [.. state.Victims.Select(v => new ScaleInVictimView(v.InstanceId, v.Node, v.Pool, v.Endpoint, v.Borrowed, v.ReservedAt, v.Stage.ToString(), v.FailureReason))]);
}

/// <summary>One failed step of a scale-in saga as the API shows it.</summary>
public sealed record ScaleInFailureView(string Step, string Reason, bool TimedOut, DateTimeOffset At);

/// <summary>One victim of a scale-in saga as the API shows it; <see cref="State"/> is a <see cref="VictimStage"/> name.</summary>
public sealed record ScaleInVictimView(
    Guid InstanceId,
    string Node,
    string Pool,
    string? Endpoint,
    bool Borrowed,
    DateTimeOffset? ReservedAt,
    string State,
    string? FailureReason);
