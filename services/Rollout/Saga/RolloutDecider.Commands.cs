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

    // An abort stops at once unless instances of the current batch have weight 0. Those get their weight back first,
    // after the reply to a drain under way, if any.
    private static IReadOnlyList<object> DecideAbort(RolloutState state, AbortRollout abort, Context context)
    {
        if (state.Status == RolloutStatus.Aborting)
        {
            return [];
        }

        return Then(state, [new RolloutAbortRequested(abort.Reason, context.Now)], next => next.Step switch
        {
            RolloutStep.Drain or RolloutStep.Restore => [],
            RolloutStep.Update or RolloutStep.Probe or RolloutStep.Measure when next.BatchInstances.Any(i => i.Drained) => Restore(next, context),
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

    private static IReadOnlyList<object> DecideDeadline(RolloutState state, DateTimeOffset deadline, Context context)
    {
        IReadOnlyList<object> timedOut = [new StepTimedOut(state.Step, deadline, context.Now)];
        return state.Step switch
        {
            RolloutStep.Describe => [.. timedOut, new RolloutFailed($"The provisioner did not list the instances of '{state.Service}' before {deadline:O}.", context.Now)],

            // The load balancer ends a drain at the drain timeout anyway. Without its reply the batch is updated as if
            // drained, and its weight is still restored afterwards.
            RolloutStep.Drain => Then(state, timedOut, next => AfterDrain(next, context)),
            RolloutStep.Update => Then(state, [.. timedOut, .. state.BatchInstances
                .Where(i => i.Phase == InstancePhase.Updating)
                .Select(i => new InstanceUpdateTimedOut(i.InstanceId, deadline, context.Now))], next => AfterUpdate(next, context)),
            RolloutStep.Probe => Then(state, [.. timedOut, .. state.BatchInstances
                .Where(i => i is { Phase: InstancePhase.Updated, HealthChecked: false })
                .Select(i => new InstanceHealthCheckFailed(i.InstanceId, $"No HTTP check result before {deadline:O}.", context.Now))], next => AfterProbe(next, context)),
            RolloutStep.Restore => Then(state, timedOut, next => AfterRestore(next, context)),
            RolloutStep.Measure => Then(state, [.. timedOut, new BatchFailedHealthGate(state.CurrentBatch!.Number, UpdatedIds(state),
                $"The load balancer measured no error rate before {deadline:O}.", context.Now)], next => AfterMeasure(next, context)),
            RolloutStep.Wait => Then(state, timedOut, next => Next(next, context, pauseFirst: false)),
            _ => [],
        };
    }
}
