using Surge.Contracts.Instances;

namespace Surge.Capacity.ScaleOut;

/// <summary>A scale-out saga folded from its events: what its decisions need and what its API shows.</summary>
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
    string? FailureReason = null)
{
    /// <summary>The stream key of a scale-out saga.</summary>
    public static string StreamKey(Guid sagaId) => $"scale-out/{sagaId}";

    /// <summary>Whether the saga has finished, one way or another.</summary>
    public bool IsFinished => Status is ScaleOutStatus.Completed or ScaleOutStatus.Failed or ScaleOutStatus.Declined;
}
