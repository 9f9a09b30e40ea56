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
        (_, BatchReplacementRequested requested) => WithInstances(
            WithBatch(state, b => b with { ReplacementSagaId = requested.ScaleOutSagaId }),
            requested.InstanceIds,
            i => i with { Phase = InstancePhase.Updating }) with { Step = RolloutStep.Replace, Deadline = requested.Deadline },
        (_, ReplacementsStarted started) => AddReplacements(state, started) with { Step = RolloutStep.None, Deadline = null },
        (_, ReplacementFailed failed) => state.BatchInstances
            .Where(i => i.Phase == InstancePhase.Updating)
            .Aggregate(state, (current, i) => Fail(current, i.InstanceId, failed.Reason)) with { Step = RolloutStep.None, Deadline = null },
        (_, BatchRemovalRequested requested) => WithBatch(state, b => b with { RemovalSagaId = requested.ScaleInSagaId })
            with { Step = RolloutStep.Remove, Deadline = requested.Deadline },
        (_, InstancesRemoved removed) => Remove(state, removed) with { Step = RolloutStep.None, Deadline = null },
        (_, LateReplacementsRemoved) => state,
        (_, RolloutCompleted completed) => Finish(state, RolloutStatus.Completed, completed.At),
        (_, RolledBack rolledBack) => Finish(state, rolledBack.FailedCount > 0 ? RolloutStatus.RollbackIncomplete : RolloutStatus.RolledBack, rolledBack.At),
        _ => state,
    };

    // Ending a rollback batch settles its instances: those that came back ready run their previous image again. An
    // instance a recreate batch replaced stays replaced.
    private static RolloutState EndBatch(RolloutState state, DateTimeOffset at)
    {
        var batch = state.CurrentBatch!;
        var ended = WithBatch(state, b => b with { EndedAt = at }) with { Step = RolloutStep.None, Deadline = null };
        return WithInstances(ended, batch.InstanceIds, i => i with
        {
            Target = null,
            Phase = batch.RollingBack && i.Phase != InstancePhase.Replaced
                ? (i.Phase == InstancePhase.Updated ? InstancePhase.RolledBack : InstancePhase.RollbackFailed)
                : i.Phase,
        });
    }

    // Each new instance replaces the instance at the same position among those the batch is replacing, and joins the
    // batch, so the health gate checks it. It is what a rollback puts back, so it counts as changed.
    private static RolloutState AddReplacements(RolloutState state, ReplacementsStarted started)
    {
        var replacing = state.BatchInstances.Where(i => i.Phase == InstancePhase.Updating).ToList();
        var added = started.Instances.Select((instance, index) => new RolloutInstance(
            instance.InstanceId,
            instance.Node,
            instance.Address,
            instance.Endpoint,
            index < replacing.Count ? replacing[index].PreviousImage : instance.Image,
            instance.Image,
            InstancePhase.Updated,
            Target: instance.Image,
            Changed: !state.RollingBack,
            ReplacementOf: index < replacing.Count ? replacing[index].InstanceId : null)).ToList();
        var withBatch = WithBatch(state, b => b with { InstanceIds = [.. b.InstanceIds, .. added.Select(i => i.InstanceId)] });
        return withBatch with { Instances = [.. withBatch.Instances, .. added] };
    }

    // A removed old instance is replaced. A removed new instance had failed, so its old instance keeps running its
    // image, takes the failure's reason and no longer counts as changed. An old instance the scale-in did not remove
    // keeps running beside its replacement.
    private static RolloutState Remove(RolloutState state, InstancesRemoved removed)
    {
        var next = state;
        foreach (var id in removed.InstanceIds)
        {
            var instance = next.Find(id);
            if (instance is null)
            {
                continue;
            }

            // A removed instance no longer runs, so a rollback has nothing to put back for it.
            next = WithInstance(next, id, i => i with { Removed = true, Changed = false, Phase = i.Phase == InstancePhase.Updating ? InstancePhase.Replaced : i.Phase });
            if (instance.ReplacementOf is { } old && next.Find(old) is { Phase: InstancePhase.Updating })
            {
                next = WithInstance(next, old, i => i with
                {
                    Phase = InstancePhase.Failed,
                    Changed = false,
                    Failure = $"Its replacement {id} failed and was removed: {instance.Failure}",
                });
            }
        }

        var kept = next.BatchInstances.Where(i => i.Phase == InstancePhase.Updating).Select(i => i.InstanceId).ToList();
        return WithInstances(next, kept, i => i with
        {
            Phase = InstancePhase.Failed,
            Failure = $"It still runs beside its replacement, because the scale-in did not remove it: {removed.Reason ?? "no reason given"}",
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
