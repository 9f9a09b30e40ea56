namespace Surge.Rollout.Saga;

/// <summary>How each event changes a rollout's state.</summary>
public static partial class RolloutDecider
{
    /// <summary>Returns the state after one event; the first event must be <see cref="RolloutRequested"/>.</summary>
    public static RolloutState? Evolve(RolloutState? state, object e) => (state, e) switch
    {
        (null, RolloutRequested requested) => new RolloutState(
            RolloutState.StreamKey(requested.SagaId), requested.SagaId, requested.Service, requested.Image, requested.Spec,
            RolloutStatus.Running, RolloutStep.Describe, [], [], requested.At, requested.RequestedBy, requested.Deadline),
        (null, _) => null,
        (_, InstancesDescribed described) => state with
        {
            BatchSize = described.BatchSize,
            Step = RolloutStep.None,
            Deadline = null,
            Instances = [.. described.Instances.Select(i => new RolloutInstance(i.InstanceId, i.Node, i.Address, i.Endpoint, i.Image, i.Image, InstancePhase.Waiting))],
        },
        (_, RolloutFailed failed) => Finish(state, RolloutStatus.Failed, failed.At) with { Reason = failed.Reason },
        (_, BatchStarted started) => state with
        {
            Step = RolloutStep.None,
            Deadline = null,
            Batches = [.. state.Batches, new RolloutBatch(started.Number, started.InstanceIds, started.RollingBack, started.At)],
            Instances = [.. state.Instances.Select(i => started.InstanceIds.Contains(i.InstanceId)
                ? i with { Target = started.RollingBack ? i.PreviousImage : state.Image, HealthChecked = false }
                : i)],
        },
        (_, BatchDrainRequested requested) => WithInstances(state, requested.InstanceIds, i => i with { Phase = InstancePhase.Draining, Drained = true })
            with { Step = RolloutStep.Drain, Deadline = requested.Deadline },
        (_, InstanceDrained) => state,
        (_, InstanceUpdateRequested requested) => WithInstance(state, requested.InstanceId, i => i with
        {
            Phase = InstancePhase.Updating,
            Changed = i.Changed || !state.RollingBack,
        }) with { Step = RolloutStep.Update, Deadline = requested.Deadline },
        (_, InstanceUpdateConfirmed confirmed) => WithInstance(state, confirmed.InstanceId, i => i with
        {
            Phase = InstancePhase.Updated,
            Image = confirmed.Image,
            Endpoint = confirmed.Endpoint,
            Failure = null,
        }),
        (_, InstanceUpdateFailed failed) => Fail(state, failed.InstanceId, failed.Reason),
        (_, InstanceUpdateTimedOut timedOut) => Fail(state, timedOut.InstanceId, $"No update reply before {timedOut.Deadline:O}."),
        (_, BatchHealthCheckRequested requested) => state with { Step = RolloutStep.Probe, Deadline = requested.Deadline },
        (_, InstanceHealthCheckPassed passed) => WithInstance(state, passed.InstanceId, i => i with { HealthChecked = true }),
        (_, InstanceHealthCheckFailed failed) => WithInstance(Fail(state, failed.InstanceId, failed.Reason), failed.InstanceId, i => i with { HealthChecked = true }),
        (_, BatchRestoreRequested requested) => state with { Step = RolloutStep.Restore, Deadline = requested.Deadline },
        (_, InstanceRestored restored) => WithInstance(state, restored.InstanceId, i => i with { Drained = false }),
        (_, BatchErrorMeasurementRequested requested) => state with { Step = RolloutStep.Measure, Deadline = requested.Deadline },
        (_, BatchPassedHealthGate passed) => WithBatch(state, b => b with { Outcome = "passed" }),
        (_, BatchFailedHealthGate failed) => WithBatch(
            failed.InstanceIds.Aggregate(state, (current, id) => Fail(current, id, failed.Reason)),
            b => b with { Outcome = failed.Reason }),
        (_, BatchCompleted completed) => EndBatch(state, completed.At),
        (_, StepTimedOut) => state,
        (_, StepFaulted) => state,
        (_, PauseBetweenBatchesStarted pause) => state with { Step = RolloutStep.Wait, Deadline = pause.Until },
        (_, RolloutPauseRequested) => state with { PauseRequested = true },
        (_, RolloutPaused) => state with { Status = RolloutStatus.Paused, Step = RolloutStep.None, Deadline = null, PauseRequested = false },
        (_, RolloutResumed) => state with
        {
            Status = state.RollingBack ? RolloutStatus.RollingBack : RolloutStatus.Running,
            PauseRequested = false,
        },
        (_, RolloutAbortRequested abort) => state with { Status = RolloutStatus.Aborting, PauseRequested = false, Reason = abort.Reason },
        (_, RolloutAborted aborted) => Finish(state, RolloutStatus.Aborted, aborted.At),
        (_, RollbackRequested requested) => state with { RollbackReason = requested.Reason, Reason = requested.Reason },
        (_, RollbackStarted started) => state with
        {
            Status = RolloutStatus.RollingBack,
            RollingBack = true,
            Instances = [.. state.Instances.Select(i => started.InstanceIds.Contains(i.InstanceId) ? i with { Phase = InstancePhase.AwaitingRollback } : i)],
        },
        (_, RolloutCompleted completed) => Finish(state, RolloutStatus.Completed, completed.At),
        (_, RolledBack rolledBack) => Finish(state, rolledBack.FailedCount > 0 ? RolloutStatus.RollbackIncomplete : RolloutStatus.RolledBack, rolledBack.At),
        _ => state,
    };

    // Ending a rollback batch settles its instances: those that came back ready run their previous image again.
    private static RolloutState EndBatch(RolloutState state, DateTimeOffset at)
    {
        var batch = state.CurrentBatch!;
        var ended = WithBatch(state, b => b with { EndedAt = at }) with { Step = RolloutStep.None, Deadline = null };
        return WithInstances(ended, batch.InstanceIds, i => i with
        {
            Target = null,
            Phase = batch.RollingBack
                ? (i.Phase == InstancePhase.Updated ? InstancePhase.RolledBack : InstancePhase.RollbackFailed)
                : i.Phase,
        });
    }

    private static RolloutState Fail(RolloutState state, Guid instanceId, string reason) => WithInstance(state, instanceId, i => i with
    {
        Phase = InstancePhase.Failed,
        FailedForward = i.FailedForward || !state.RollingBack,
        Failure = reason,
    });

    private static RolloutState Finish(RolloutState state, RolloutStatus status, DateTimeOffset at) =>
        state with { Status = status, Step = RolloutStep.None, Deadline = null, PauseRequested = false, FinishedAt = at };

    private static RolloutState WithBatch(RolloutState state, Func<RolloutBatch, RolloutBatch> change) => state.Batches.Count == 0
        ? state
        : state with { Batches = [.. state.Batches.Take(state.Batches.Count - 1), change(state.Batches[^1])] };

    private static RolloutState WithInstance(RolloutState state, Guid instanceId, Func<RolloutInstance, RolloutInstance> change) =>
        WithInstances(state, [instanceId], change);

    private static RolloutState WithInstances(RolloutState state, IReadOnlyList<Guid> instanceIds, Func<RolloutInstance, RolloutInstance> change) => state with
    {
        Instances = [.. state.Instances.Select(i => instanceIds.Contains(i.InstanceId) ? change(i) : i)],
    };
}
