namespace Surge.Rollout.Saga;

/// <summary>A rollout folded from its events: what its decisions need and what its API returns.</summary>
/// <param name="Instances">The instances in the order the rollout updates them; empty until described.</param>
/// <param name="Batches">The batches started so far, oldest first.</param>
/// <param name="Step">What the rollout waits for.</param>
/// <param name="Deadline">When that step must have replied; null when the rollout waits for no reply.</param>
/// <param name="BatchSize">The instances per batch, known once the instances are described.</param>
/// <param name="PauseRequested">Whether an operator requested a pause that waits for the current batch to end.</param>
/// <param name="RollbackReason">Why a rollback was requested; null unless one was.</param>
/// <param name="RollingBack">Whether the batches put instances back on their previous image.</param>
/// <param name="Reason">Why the rollout failed, was aborted or rolled back.</param>
/// <param name="CorrelationId">The correlation id of the request that started the rollout; timeouts carry it.</param>
public sealed record RolloutState(
    string Id,
    Guid SagaId,
    string Service,
    string Image,
    RolloutSpec Spec,
    RolloutStatus Status,
    RolloutStep Step,
    IReadOnlyList<RolloutInstance> Instances,
    IReadOnlyList<RolloutBatch> Batches,
    DateTimeOffset RequestedAt,
    string? RequestedBy = null,
    DateTimeOffset? Deadline = null,
    int BatchSize = 0,
    bool PauseRequested = false,
    string? RollbackReason = null,
    bool RollingBack = false,
    string? Reason = null,
    DateTimeOffset? FinishedAt = null,
    string? CorrelationId = null)
{
    /// <summary>The stream key of a rollout.</summary>
    public static string StreamKey(Guid sagaId) => $"rollout/{sagaId}";

    /// <summary>Whether the rollout has finished, one way or another.</summary>
    public bool IsFinished => Status is RolloutStatus.Completed or RolloutStatus.Aborted or RolloutStatus.RolledBack
        or RolloutStatus.RollbackIncomplete or RolloutStatus.Failed;

    /// <summary>The batch in progress or last ended; null before the first.</summary>
    public RolloutBatch? CurrentBatch => Batches.Count > 0 ? Batches[^1] : null;

    /// <summary>The instances of the current batch, in order.</summary>
    public IReadOnlyList<RolloutInstance> BatchInstances => CurrentBatch is { } batch
        ? [.. Instances.Where(i => batch.InstanceIds.Contains(i.InstanceId))]
        : [];

    /// <summary>How many instances failed while updating forward; the threshold compares against it.</summary>
    public int FailedCount => Instances.Count(i => i.FailedForward);

    /// <summary>Returns the instance with <paramref name="instanceId"/>, or null.</summary>
    public RolloutInstance? Find(Guid instanceId) => Instances.FirstOrDefault(i => i.InstanceId == instanceId);
}

/// <summary>One instance of a rollout.</summary>
/// <param name="PreviousImage">The image it ran when the rollout started; a rollback returns to it.</param>
/// <param name="Image">The image it is known to run.</param>
/// <param name="Target">The image its current batch installs; null outside a batch.</param>
/// <param name="Drained">Whether weight 0 was requested for it and its weight has not been restored yet.</param>
/// <param name="Changed">Whether the rollout requested its forward update, so a rollback must put it back.</param>
/// <param name="FailedForward">Whether it failed while updating forward.</param>
/// <param name="Failure">Why it last failed; null when it did not.</param>
/// <param name="ReplacementOf">The instance a recreate batch started this one to replace; null for the instances described at the start.</param>
/// <param name="Removed">Whether a recreate batch's scale-in removed it.</param>
public sealed record RolloutInstance(
    Guid InstanceId,
    string Node,
    string Address,
    string Endpoint,
    string PreviousImage,
    string Image,
    InstancePhase Phase,
    string? Target = null,
    bool Drained = false,
    bool Changed = false,
    bool FailedForward = false,
    bool HealthChecked = false,
    string? Failure = null,
    Guid? ReplacementOf = null,
    bool Removed = false);

/// <summary>One batch of a rollout.</summary>
/// <param name="RollingBack">Whether the batch puts instances back on their previous image.</param>
/// <param name="Outcome">How the batch's health gate ended: null while running, then "passed" or the failure reason.</param>
/// <param name="ReplacementSagaId">The scale-out saga that starts a recreate batch's new instances; null for other strategies.</param>
/// <param name="RemovalSagaId">The scale-in saga that removes what a recreate batch replaced; null until requested.</param>
public sealed record RolloutBatch(
    int Number,
    IReadOnlyList<Guid> InstanceIds,
    bool RollingBack,
    DateTimeOffset StartedAt,
    DateTimeOffset? EndedAt = null,
    string? Outcome = null,
    Guid? ReplacementSagaId = null,
    Guid? RemovalSagaId = null);
