using Surge.Rollout.Saga;

namespace Surge.Rollout.Api;

/// <summary>A rollout as the API shows it: its status, each batch, and each instance with its image.</summary>
/// <param name="Step">What the rollout waits for: describe, drain, update, probe, restore, measure, wait, replace, remove, or none.</param>
/// <param name="RequestedBatchSize">The batch size as requested: a count such as <c>3</c> or a share such as <c>25%</c>.</param>
/// <param name="BatchSize">The instances per batch, once the instances are described.</param>
/// <param name="FailedCount">How many instances failed while updating forward; the rollback starts at the threshold.</param>
public sealed record RolloutView(
    Guid RolloutId,
    string Service,
    string Image,
    string Strategy,
    string Status,
    string Step,
    DateTimeOffset? Deadline,
    string RequestedBatchSize,
    int BatchSize,
    int MaxUnavailable,
    int FailureThreshold,
    int FailedCount,
    bool PauseRequested,
    bool RollingBack,
    string? Reason,
    string? RequestedBy,
    DateTimeOffset RequestedAt,
    DateTimeOffset? FinishedAt,
    TimeSpan PauseBetweenBatches,
    TimeSpan DrainTimeout,
    HealthGate HealthGate,
    IReadOnlyList<RolloutBatchView> Batches,
    IReadOnlyList<RolloutInstanceView> Instances)
{
    /// <summary>Creates the view of a rollout's state.</summary>
    public static RolloutView From(RolloutState state) => new(
        state.SagaId,
        state.Service,
        state.Image,
        state.Spec.Strategy switch
        {
            RolloutStrategy.InPlace => RolloutRequestValidator.InPlace,
            RolloutStrategy.Recreate => RolloutRequestValidator.Recreate,
            _ => RolloutRequestValidator.DrainedInPlace,
        },
        state.Status.ToString(),
        state.Step.ToString(),
        state.Deadline,
        state.Spec.BatchPercent is { } percent ? $"{percent}%" : $"{state.Spec.BatchCount}",
        state.BatchSize,
        state.Spec.MaxUnavailable ?? state.BatchSize,
        state.Spec.FailureThreshold,
        state.FailedCount,
        state.PauseRequested,
        state.RollingBack,
        state.Reason,
        state.RequestedBy,
        state.RequestedAt,
        state.FinishedAt,
        state.Spec.PauseBetweenBatches,
        state.Spec.DrainTimeout,
        state.Spec.HealthGate,
        [.. state.Batches.Select(b => new RolloutBatchView(b.Number, b.RollingBack, b.InstanceIds, b.StartedAt, b.EndedAt, b.Outcome, b.ReplacementSagaId, b.RemovalSagaId))],
        [.. state.Instances.Select(i => new RolloutInstanceView(
            i.InstanceId, i.Node, i.Address, i.Endpoint, i.Phase.ToString(), i.Image, i.PreviousImage, i.Target, i.Drained, i.Failure, i.ReplacementOf, i.Removed))]);
}

/// <summary>One batch: its instances, when it ran, and its health gate's outcome (<c>passed</c>, a failure, or null when skipped or running).</summary>
/// <param name="ScaleOutSagaId">For recreate, the Capacity scale-out saga that started the batch's new instances.</param>
/// <param name="ScaleInSagaId">For recreate, the Capacity scale-in saga that removed what the batch replaced.</param>
public sealed record RolloutBatchView(
    int Number,
    bool RollingBack,
    IReadOnlyList<Guid> InstanceIds,
    DateTimeOffset StartedAt,
    DateTimeOffset? EndedAt,
    string? Outcome,
    Guid? ScaleOutSagaId = null,
    Guid? ScaleInSagaId = null);

/// <summary>One instance: where it runs, its phase, the image it runs and the one it ran before.</summary>
/// <param name="ReplacementOf">For recreate, the instance this new one replaces.</param>
/// <param name="Removed">For recreate, whether a scale-in removed the instance.</param>
public sealed record RolloutInstanceView(
    Guid InstanceId,
    string Node,
    string Address,
    string Endpoint,
    string Phase,
    string Image,
    string PreviousImage,
    string? TargetImage,
    bool Drained,
    string? Failure,
    Guid? ReplacementOf = null,
    bool Removed = false);
