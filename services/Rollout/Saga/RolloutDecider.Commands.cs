namespace Surge.Rollout.Saga;

/// <summary>An operator's pause, resume, abort and rollback, and the deadlines of each waiting step.</summary>
public static partial class RolloutDecider
{
    private static IReadOnlyList<object> DecidePause(RolloutState state, PauseRollout pause, Context context)
    {
        if (state.Status is not (RolloutStatus.Running or RolloutStatus.RollingBack) || state.PauseRequested)
        {
            return [];
        }

        IReadOnlyList<object> requested = [new RolloutPauseRequested(pause.Reason, context.Now)];
        return state.Step == RolloutStep.Wait ? [.. requested, new RolloutPaused(context.Now)] : requested;
    }

    private static IReadOnlyList<object> DecideResume(RolloutState state, Context context)
    {
        if (state.Status == RolloutStatus.Paused)
        {
            return Then(state, [new RolloutResumed(context.Now)], next => Next(next, context, pauseFirst: false));
        }

        return state.PauseRequested ? [new RolloutResumed(context.Now)] : [];
    }

    // An abort stops at once unless the current batch is mid-step. It waits for updates under way, because a
    // restarting instance must not get traffic back before it is ready, and its reply records the image it runs.
    // Instances of the batch with weight 0 get their weight back before the rollout ends.
    private static IReadOnlyList<object> DecideAbort(RolloutState state, AbortRollout abort, Context context)
    {
        if (state.Status == RolloutStatus.Aborting)
        {
            return [];
        }

        return Then(state, [new RolloutAbortRequested(abort.Reason, context.Now)], next => next.Step switch
        {
            RolloutStep.Drain or RolloutStep.Restore or RolloutStep.Update or RolloutStep.Replace or RolloutStep.Remove => [],
            RolloutStep.Probe or RolloutStep.Measure when next.BatchInstances.Any(i => i.Drained) => Restore(next, context),
            _ => [new RolloutAborted(context.Now)],
        });
    }

    // A rollback between batches starts at once. During a batch it waits for the step under way and then skips the
    // rest of the batch's health gate.
    private static IReadOnlyList<object> DecideRollback(RolloutState state, RollBackRollout rollback, Context context)
    {
        if (state.RollingBack || state.RollbackReason is not null || state.Status == RolloutStatus.Aborting)
        {
            return [];
        }

        IReadOnlyList<object> requested = [new RollbackRequested(rollback.Reason, false, context.Now)];
        return state.Step is RolloutStep.None or RolloutStep.Wait or RolloutStep.Describe
            ? Then(state, requested, next => StartRollback(next, context))
            : requested;
    }

    private static IReadOnlyList<object> DecideDeadline(RolloutState state, DateTimeOffset deadline, Context context) =>
        EndStep(state, new StepTimedOut(state.Step, deadline, context.Now), $"no reply before {deadline:O}", context);

    // A fault ends the step it belongs to as its deadline would, except that an update fault fails only the instances
    // its command covered, and the others of the batch may still reply.
    private static IReadOnlyList<object> DecideFault(RolloutState state, CommandFaulted faulted, Context context)
    {
        if (faulted.Step != RolloutStep.Update)
        {
            return EndStep(state, new StepFaulted(faulted.Step, faulted.Reason, context.Now), faulted.Reason, context);
        }

        var failed = state.BatchInstances
            .Where(i => i.Phase == InstancePhase.Updating && faulted.InstanceIds.Contains(i.InstanceId))
            .Select(i => new InstanceUpdateFailed(i.InstanceId, i.Target!, faulted.Reason, context.Now))
            .ToList();
        return Then(state, failed, next => next.BatchInstances.Any(i => i.Phase == InstancePhase.Updating) ? [] : AfterUpdate(next, context));
    }

    // Whether a faulted command belongs to the step the rollout waits for, rather than to an earlier batch or step.
    private static bool IsCurrent(RolloutState state, CommandFaulted faulted) =>
        faulted.Step == state.Step
        && (faulted.Batch is null || faulted.Batch == state.CurrentBatch?.Number)
        && (faulted.InstanceIds.Count == 0 || InBatch(state, faulted.InstanceIds));

    // Ends the waiting step without its reply: after its deadline passed, or after its command faulted.
    private static IReadOnlyList<object> EndStep(RolloutState state, object ended, string why, Context context)
    {
        IReadOnlyList<object> first = [ended];
        return state.Step switch
        {
            RolloutStep.Describe => [.. first, new RolloutFailed($"The provisioner did not list the instances of '{state.Service}': {why}.", context.Now)],

            // The load balancer ends a drain at the drain timeout anyway. Without its reply the batch is updated as if
            // drained, and its weight is still restored afterwards.
            RolloutStep.Drain => Then(state, first, next => AfterDrain(next, context)),
            RolloutStep.Update => Then(state, [.. first, .. state.BatchInstances
                .Where(i => i.Phase == InstancePhase.Updating)
                .Select(i => ended is StepTimedOut timedOut
                    ? new InstanceUpdateTimedOut(i.InstanceId, timedOut.Deadline, context.Now)
                    : (object)new InstanceUpdateFailed(i.InstanceId, i.Target!, why, context.Now))], next => AfterUpdate(next, context)),
            RolloutStep.Probe => Then(state, [.. first, .. state.BatchInstances
                .Where(i => i is { Phase: InstancePhase.Updated, HealthChecked: false })
                .Select(i => new InstanceHealthCheckFailed(i.InstanceId, $"No HTTP check result: {why}.", context.Now))], next => AfterProbe(next, context)),
            RolloutStep.Restore => Then(state, first, next => AfterRestore(next, context)),
            RolloutStep.Measure => Then(state, [.. first, new BatchFailedHealthGate(state.CurrentBatch!.Number, UpdatedIds(state),
                $"The load balancer measured no error rate: {why}.", context.Now)], next => AfterMeasure(next, context)),
            RolloutStep.Wait => Then(state, first, next => Next(next, context, pauseFirst: false)),
            // A scale-out that reports after this is answered with a scale-in of what it started.
            RolloutStep.Replace => Then(state, [.. first, new ReplacementFailed(state.CurrentBatch!.Number, $"Capacity did not report the scale-out: {why}.", context.Now)],
                next => AfterUpdate(next, context)),
            // NOTE: a scale-in that still completes after this removes instances the rollout shows as running.
            RolloutStep.Remove => Then(state, [.. first, new InstancesRemoved(state.CurrentBatch!.Number, [], $"Capacity did not report the scale-in: {why}.", context.Now)],
                next => AfterRemoval(next, context)),
            _ => [],
        };
    }
}
