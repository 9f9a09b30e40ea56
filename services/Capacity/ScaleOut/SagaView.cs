namespace Surge.Capacity.ScaleOut;

/// <summary>A scale-out saga as the API shows it.</summary>
public sealed record SagaView(
    Guid SagaId,
    string Kind,
    string Service,
    string Pool,
    string Status,
    int RequestedCount,
    ScaleOutTrigger Trigger,
    DateTimeOffset RequestedAt,
    DateTimeOffset? CompletedAt,
    string? FailedStep,
    string? FailureReason,
    DateTimeOffset? Deadline,
    int MinimumCount,
    IReadOnlyList<string> PendingUndo,
    IReadOnlyList<SagaInstanceView> Instances)
{
    /// <summary>The saga's degradation terms and where its switch stands; null when the request asked for none.</summary>
    public SagaDegradationView? Degradation { get; init; }

    /// <summary>Creates the view of a saga's state.</summary>
    public static SagaView From(ScaleOutState state) => new(
        state.SagaId,
        "scale-out",
        state.Service,
        state.Pool,
        state.Status.ToString(),
        state.RequestedCount,
        state.Trigger,
        state.RequestedAt,
        state.FinishedAt,
        state.FailedStep,
        state.FailureReason,
        state.Deadline,
        state.MinimumCount is > 0 ? state.MinimumCount : state.RequestedCount,
        state.Undo,
        [.. state.Instances.Select(i => new SagaInstanceView(i.InstanceId, i.Node, i.Pool, i.Subnet, i.Address, i.Endpoint, i.FailureReason))])
    {
        Degradation = SagaDegradationView.From(state),
    };
}

/// <summary>A saga's degradation as the API shows it.</summary>
/// <param name="On">Whether the saga holds degradation on: it asked for "on" and not yet for "off".</param>
/// <param name="Reason">Why it switched on; null while it did not.</param>
public sealed record SagaDegradationView(
    bool WhileScaling,
    TimeSpan? MaxTimeToCapacity,
    bool On,
    string? Reason,
    DateTimeOffset? SwitchedOnAt,
    DateTimeOffset? OnConfirmedAt,
    DateTimeOffset? SwitchedOffAt,
    DateTimeOffset? OffConfirmedAt)
{
    /// <summary>Returns the view, or null when the saga has no degradation terms.</summary>
    public static SagaDegradationView? From(ScaleOutState state) => state.DegradationTerms is not { } terms
        ? null
        : new SagaDegradationView(
            terms.WhileScaling,
            terms.MaxTimeToCapacity,
            state.HoldsDegradation,
            state.Degradation?.Reason,
            state.Degradation?.OnRequestedAt,
            state.Degradation?.OnConfirmedAt,
            state.Degradation?.OffRequestedAt,
            state.Degradation?.OffConfirmedAt);
}

/// <summary>One instance of a saga as the API shows it.</summary>
public sealed record SagaInstanceView(Guid InstanceId, string Node, string Pool, string? Subnet, string? Address, string? Endpoint, string? FailureReason);
