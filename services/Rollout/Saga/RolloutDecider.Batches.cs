namespace Surge.Rollout.Saga;

/// <summary>The steps of one batch, and what follows when a step is done.</summary>
public static partial class RolloutDecider
{
    // Drain, update, HTTP check, restore weight, measure errors: each step that is done calls the one that decides
    // what comes next. An abort or a rollback request skips what is left of the health gate, but the drained instances
    // of the batch still get a weight restore request.
    private static IReadOnlyList<object> AfterDrain(RolloutState state, Context context) =>
        state.Status == RolloutStatus.Aborting || SkipsGate(state) ? Restore(state, context) : RequestUpdates(state, context);

    private static IReadOnlyList<object> RequestUpdates(RolloutState state, Context context)
    {
        var deadline = context.Now + context.Options.UpdateTimeout;
        return [.. state.BatchInstances.Select(i => new InstanceUpdateRequested(i.InstanceId, i.Target!, context.Now, deadline))];
    }

    // When failed updates reach the threshold, the rest of the gate is skipped, so the batch's verdict is recorded
    // here. Below the threshold the HTTP check decides it together with the failed updates.
    private static IReadOnlyList<object> AfterUpdate(RolloutState state, Context context)
    {
        var unready = state.BatchInstances.Count(i => i.Phase == InstancePhase.Failed);
        IReadOnlyList<object> verdict = unready > 0 && !SkipsGate(state) && Threshold(state, context).Count > 0
            ? [new BatchFailedHealthGate(state.CurrentBatch!.Number, [], $"Of the batch, {Instances(unready)} not updated.", context.Now)]
            : [];
        return Then(state, verdict, gated => Then(gated, Threshold(gated, context), next => GateUpdated(next, context)));
    }

    // Starts the HTTP check of the updated instances, or goes on without one.
    private static IReadOnlyList<object> GateUpdated(RolloutState state, Context context)
    {
        if (SkipsGate(state))
        {
            return Restore(state, context);
        }

        var batch = state.CurrentBatch!;
        var updated = UpdatedIds(state);
        if (updated.Count == 0)
        {
            return Then(state, [new BatchFailedHealthGate(batch.Number, [], "No instance of the batch was updated.", context.Now)], failed => Restore(failed, context));
        }

        return state.Spec.HealthGate.HttpPath is { } path
            ? [new BatchHealthCheckRequested(batch.Number, updated, path, context.Now, context.Now + context.Options.HttpCheckTimeout + context.Options.ReplyTimeout)]
            : AfterProbe(state, context);
    }

    // Readiness is part of the gate: an instance that did not come back updated fails the batch as the HTTP check
    // does. The verdict comes first, so a batch that reaches the failure threshold still records why.
    private static IReadOnlyList<object> AfterProbe(RolloutState state, Context context)
    {
        var unready = state.BatchInstances.Count(i => i is { Phase: InstancePhase.Failed, HealthChecked: false });
        var unhealthy = state.BatchInstances.Count(i => i is { Phase: InstancePhase.Failed, HealthChecked: true });
        var reasons = new List<string>();
        if (unready > 0)
        {
            reasons.Add($"{Instances(unready)} not updated");
        }

        if (unhealthy > 0)
        {
            reasons.Add($"{Instances(unhealthy)} failing the HTTP check on {state.Spec.HealthGate.HttpPath}");
        }

        IReadOnlyList<object> verdict = reasons.Count > 0 && !SkipsGate(state)
            ? [new BatchFailedHealthGate(state.CurrentBatch!.Number, [], $"Of the batch, {string.Join(" and ", reasons)}.", context.Now)]
            : [];
        return Then(state, verdict, gated => Then(gated, Threshold(gated, context), next =>
            next.BatchInstances.Any(i => i.Drained) ? Restore(next, context) : AfterRestore(next, context)));
    }

    private static IReadOnlyList<object> Restore(RolloutState state, Context context)
    {
        var drained = state.BatchInstances.Where(i => i.Drained).Select(i => i.InstanceId).ToList();
        return drained.Count == 0
            ? AfterRestore(state, context)
            : [new BatchRestoreRequested(state.CurrentBatch!.Number, drained, context.Options.RestoreWeight, context.Now, context.Now + context.Options.ReplyTimeout)];
    }

    // The error rate is measured only while the batch takes traffic, so a drained batch is measured after its weight
    // came back.
    private static IReadOnlyList<object> AfterRestore(RolloutState state, Context context)
    {
        if (state.Status == RolloutStatus.Aborting)
        {
            return Retire(state, context, _ => [new RolloutAborted(context.Now)]);
        }

        var batch = state.CurrentBatch!;
        if (SkipsGate(state) || batch.Outcome is not null)
        {
            return EndBatch(state, context);
        }

        if (state.Spec.HealthGate.MaxErrorRate is not null)
        {
            var window = state.Spec.HealthGate.Window;
            return [new BatchErrorMeasurementRequested(batch.Number, UpdatedIds(state), window, context.Now, context.Now + window + context.Options.ReplyTimeout)];
        }

        return Then(state, [new BatchPassedHealthGate(batch.Number, 0, 0, context.Now)], passed => EndBatch(passed, context));
    }

    private static IReadOnlyList<object> AfterMeasure(RolloutState state, Context context) =>
        Then(state, Threshold(state, context), next => EndBatch(next, context));

    private static IReadOnlyList<object> EndBatch(RolloutState state, Context context) =>
        Retire(state, context, ready => CompleteBatch(ready, context));

    private static IReadOnlyList<object> CompleteBatch(RolloutState state, Context context) =>
        Then(state, [new BatchCompleted(state.CurrentBatch!.Number, context.Now)], next => Next(next, context, pauseFirst: true));

    // Between batches: start a requested rollback, finish when no instance is left, stop when a pause was requested,
    // wait the pause between batches, or start the next batch.
    private static IReadOnlyList<object> Next(RolloutState state, Context context, bool pauseFirst)
    {
        if (state.RollbackReason is not null && !state.RollingBack)
        {
            return StartRollback(state, context);
        }

        var remaining = Remaining(state);
        if (remaining.Count == 0)
        {
            return state.RollingBack
                ? [new RolledBack(state.Instances.Count(i => i.Phase == InstancePhase.RolledBack), state.Instances.Count(i => i.Phase == InstancePhase.RollbackFailed), context.Now)]
                : [new RolloutCompleted(state.Instances.Count(i => i.Phase == InstancePhase.Updated), state.FailedCount, context.Now)];
        }

        if (state.PauseRequested)
        {
            return [new RolloutPaused(context.Now)];
        }

        // A rollback does not wait between batches: its point is to get back to a known version soon.
        if (pauseFirst && !state.RollingBack && state.Spec.PauseBetweenBatches > TimeSpan.Zero)
        {
            return [new PauseBetweenBatchesStarted(context.Now + state.Spec.PauseBetweenBatches, context.Now)];
        }

        return StartBatch(state, remaining, context);
    }

    private static IReadOnlyList<object> StartBatch(RolloutState state, IReadOnlyList<RolloutInstance> remaining, Context context)
    {
        var size = BatchSizeNow(state);
        if (size <= 0)
        {
            var reason = $"{state.Instances.Count(i => i.Phase == InstancePhase.Failed)} failed instances leave no room under maxUnavailable ({MaxUnavailable(state)}) for another batch.";
            return Then(state, [new RollbackRequested(reason, true, context.Now)], next => StartRollback(next, context));
        }

        // One scale-out starts one image, so a recreate batch takes only instances that go to the same image.
        var firstTarget = TargetOf(state, remaining[0]);
        var ids = remaining
            .Where(i => state.Spec.Strategy != RolloutStrategy.Recreate || TargetOf(state, i) == firstTarget)
            .Take(size)
            .Select(i => i.InstanceId)
            .ToList();
        var number = state.Batches.Count + 1;
        return Then(state, [new BatchStarted(number, ids, state.RollingBack, context.Now)], next => next.Spec.Strategy switch
        {
            RolloutStrategy.DrainedInPlace => [new BatchDrainRequested(number, ids, next.Spec.DrainTimeout, context.Now, context.Now + next.Spec.DrainTimeout + context.Options.ReplyTimeout)],
            RolloutStrategy.Recreate => RequestReplacement(next, context),
            _ => RequestUpdates(next, context),
        });
    }

    private static string TargetOf(RolloutState state, RolloutInstance instance) => state.RollingBack ? instance.PreviousImage : state.Image;

    private static IReadOnlyList<object> StartRollback(RolloutState state, Context context)
    {
        var changed = state.Instances.Where(i => i.Changed).Select(i => i.InstanceId).ToList();
        return Then(state, [new RollbackStarted(changed, context.Now)], next => Next(next, context, pauseFirst: false));
    }

    // Failed instances count as unavailable while updating forward, so the batches shrink as failures add up. A
    // rollback repairs them, so its batches keep their size. Recreate removes an instance only once its replacement
    // is ready, so a failure leaves the old instance serving.
    private static int BatchSizeNow(RolloutState state)
    {
        var unavailable = state.RollingBack || state.Spec.Strategy == RolloutStrategy.Recreate
            ? 0
            : state.Instances.Count(i => i.Phase == InstancePhase.Failed);
        return Math.Min(state.BatchSize, MaxUnavailable(state) - unavailable);
    }

    private static int MaxUnavailable(RolloutState state) => state.Spec.MaxUnavailable ?? state.BatchSize;

    private static List<RolloutInstance> Remaining(RolloutState state) =>
        [.. state.Instances.Where(i => i.Phase == (state.RollingBack ? InstancePhase.AwaitingRollback : InstancePhase.Waiting))];

    // NOTE: every failed instance counts, also one that a scale-in stopped during the rollout, so a scale-in can start
    // a rollback of healthy instances. The Provisioner's failure reason is the only sign of that case.
    private static IReadOnlyList<object> Threshold(RolloutState state, Context context) =>
        !state.RollingBack && state.RollbackReason is null && state.Status != RolloutStatus.Aborting && state.FailedCount >= state.Spec.FailureThreshold
            ? [new RollbackRequested($"{state.FailedCount} {(state.FailedCount == 1 ? "instance" : "instances")} failed; the failure threshold is {state.Spec.FailureThreshold}.", true, context.Now)]
            : [];

    // A forward batch that is about to be rolled back, or a rollout being aborted, needs no verdict on its health.
    private static bool SkipsGate(RolloutState state) =>
        state.Status == RolloutStatus.Aborting || (state.RollbackReason is not null && !state.RollingBack);

    // "1 instance was" or "3 instances were", for reasons that count instances.
    private static string Instances(int count) => count == 1 ? "1 instance was" : $"{count} instances were";
}
