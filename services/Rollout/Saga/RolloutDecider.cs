using Surge.Contracts.Backends;
using Surge.Contracts.Instances;
using Surge.Contracts.Scaling;
using UpdateFailedReply = Surge.Contracts.Instances.InstanceUpdateFailed;

namespace Surge.Rollout.Saga;

/// <summary>
/// Decides which events a message adds to a rollout. Pure: the same state, message, time and options always give the
/// same events. A message that does not fit the rollout's step (a duplicate, a late reply, a reply for another batch)
/// gives no events.
/// </summary>
public static partial class RolloutDecider
{
    /// <summary>Returns the events <paramref name="message"/> adds to the rollout in <paramref name="state"/> at <paramref name="now"/>.</summary>
    public static IReadOnlyList<object> Decide(RolloutState state, object message, DateTimeOffset now, RolloutOptions? options = null)
    {
        var context = new Context(now, options ?? new RolloutOptions());
        if (state.IsFinished)
        {
            // A scale-out can still report instances after the rollout ended; they must not run untracked.
            return message is ScaleOutFinished late ? LateReplacements(state, late, context) : [];
        }

        return message switch
        {
            ServiceInstancesDescribed described when state.Step == RolloutStep.Describe => DecideDescribed(state, described, context),
            BackendWeightsSet { Weight: 0 } set when state.Step == RolloutStep.Drain && InBatch(state, set.InstanceIds) => DecideDrained(state, context),
            BackendWeightsSet { Weight: > 0 } set when state.Step == RolloutStep.Restore && InBatch(state, set.InstanceIds) => DecideRestored(state, context),
            InstanceUpdated updated => DecideUpdateReply(state, updated.InstanceId, updated.Image, new InstanceUpdateConfirmed(updated.InstanceId, updated.Image, updated.Endpoint, now), context),
            UpdateFailedReply failed => DecideUpdateReply(state, failed.InstanceId, failed.Image, new InstanceUpdateFailed(failed.InstanceId, failed.Image, failed.Reason, now), context),
            InstancesProbed probed when state.Step == RolloutStep.Probe && probed.Batch == state.CurrentBatch?.Number => DecideProbed(state, probed, context),
            BackendErrorsMeasured measured when state.Step == RolloutStep.Measure && InBatch(state, measured.InstanceIds) => DecideMeasured(state, measured, context),
            ScaleOutFinished finished => DecideReplaced(state, finished, context),
            ScaleInFinished finished => DecideRemoved(state, finished, context),
            DeadlinePassed passed when passed.Deadline == state.Deadline => DecideDeadline(state, passed.Deadline, context),
            CommandFaulted faulted when IsCurrent(state, faulted) => DecideFault(state, faulted, context),
            PauseRollout pause => DecidePause(state, pause, context),
            ResumeRollout => DecideResume(state, context),
            AbortRollout abort => DecideAbort(state, abort, context),
            RollBackRollout rollback => DecideRollback(state, rollback, context),
            _ => [],
        };
    }

    private static IReadOnlyList<object> DecideDescribed(RolloutState state, ServiceInstancesDescribed described, Context context)
    {
        if (described.Instances.Count == 0)
        {
            return [new RolloutFailed($"Service '{state.Service}' has no running instances to update.", context.Now)];
        }

        var ordered = BatchPlanner.Order(described.Instances);
        var batchSize = state.Spec.BatchSizeFor(ordered.Count);
        return Then(state, [new InstancesDescribed(ordered, batchSize, context.Now)], next => Next(next, context, pauseFirst: false));
    }

    private static IReadOnlyList<object> DecideUpdateReply(RolloutState state, Guid instanceId, string image, object outcome, Context context)
    {
        var instance = state.Find(instanceId);
        if (state.Step != RolloutStep.Update || instance is not { Phase: InstancePhase.Updating } || instance.Target != image)
        {
            return [];
        }

        return Then(state, [outcome], next => next.BatchInstances.Any(i => i.Phase == InstancePhase.Updating) ? [] : AfterUpdate(next, context));
    }

    private static IReadOnlyList<object> DecideProbed(RolloutState state, InstancesProbed probed, Context context)
    {
        var events = new List<object>();
        foreach (var instance in state.BatchInstances.Where(i => i is { Phase: InstancePhase.Updated, HealthChecked: false }))
        {
            var result = probed.Results.FirstOrDefault(r => r.InstanceId == instance.InstanceId);
            events.Add(result is { Healthy: true }
                ? new InstanceHealthCheckPassed(instance.InstanceId, context.Now)
                : new InstanceHealthCheckFailed(instance.InstanceId, result?.Failure ?? "The prober returned no result for the instance.", context.Now));
        }

        return Then(state, events, next => AfterProbe(next, context));
    }

    private static IReadOnlyList<object> DecideMeasured(RolloutState state, BackendErrorsMeasured measured, Context context)
    {
        var batch = state.CurrentBatch!;
        var maximum = state.Spec.HealthGate.MaxErrorRate ?? 1;
        var rate = measured.Requests == 0 ? 0 : (double)measured.Failed / measured.Requests;
        object verdict = rate > maximum
            ? new BatchFailedHealthGate(batch.Number, UpdatedIds(state),
                $"The load balancer saw {measured.Failed} of {measured.Requests} requests to the batch fail ({rate:P1}); the gate allows {maximum:P1}.", context.Now)
            : new BatchPassedHealthGate(batch.Number, measured.Requests, measured.Failed, context.Now);
        return Then(state, [verdict], next => AfterMeasure(next, context));
    }

    private static IReadOnlyList<object> DecideDrained(RolloutState state, Context context) =>
        Then(state, [.. state.BatchInstances.Where(i => i.Drained).Select(i => new InstanceDrained(i.InstanceId, context.Now))], next => AfterDrain(next, context));

    private static IReadOnlyList<object> DecideRestored(RolloutState state, Context context) =>
        Then(state, [.. state.BatchInstances.Where(i => i.Drained).Select(i => new InstanceRestored(i.InstanceId, context.Now))], next => AfterRestore(next, context));

    private static bool InBatch(RolloutState state, IReadOnlyList<Guid> instanceIds) =>
        state.CurrentBatch is { } batch && instanceIds.Any(batch.InstanceIds.Contains);

    private static IReadOnlyList<Guid> UpdatedIds(RolloutState state) =>
        [.. state.BatchInstances.Where(i => i.Phase == InstancePhase.Updated).Select(i => i.InstanceId)];

    // Folds the events into the state, so that the next decision reads what they changed, and appends its events.
    private static IReadOnlyList<object> Then(RolloutState state, IReadOnlyList<object> events, Func<RolloutState, IReadOnlyList<object>> next) =>
        [.. events, .. next(Fold(state, events))];

    private static RolloutState Fold(RolloutState state, IEnumerable<object> events) =>
        events.Aggregate(state, (current, e) => Evolve(current, e)!);

    /// <summary>The moment of the decision and the options its deadlines come from.</summary>
    private sealed record Context(DateTimeOffset Now, RolloutOptions Options);
}
