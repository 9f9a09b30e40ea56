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
        [.. state.Instances.Select(i => new SagaInstanceView(i.InstanceId, i.Node, i.Pool, i.Subnet, i.Address, i.Endpoint, i.FailureReason))]);
}

/// <summary>One instance of a saga as the API shows it.</summary>
public sealed record SagaInstanceView(Guid InstanceId, string Node, string Pool, string? Subnet, string? Address, string? Endpoint, string? FailureReason);
