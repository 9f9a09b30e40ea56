using Surge.Contracts.Scaling;

namespace Surge.Rollout.Saga;

/// <summary>
/// The recreate strategy: a batch asks Capacity for a scale-out of new instances, runs the health gate on them, and
/// then asks for a scale-in of the instances they replace, or of the new ones that failed.
/// </summary>
public static partial class RolloutDecider
{
    private static IReadOnlyList<object> RequestReplacement(RolloutState state, Context context)
    {
        var batch = state.CurrentBatch!;
        var instances = state.BatchInstances;
        return
        [
            new BatchReplacementRequested(batch.Number, ChildSagaIds.Replacement(state.SagaId, batch.Number), [.. instances.Select(i => i.InstanceId)],
                instances[0].Target!, context.Now, context.Now + context.Options.RecreateStepTimeout),
        ];
    }

    // Capacity's scale-out requires every instance, so anything short of Completed with one new instance per replaced one
    // fails the batch's instances. Reported instances the rollout cannot use are removed again.
    private static IReadOnlyList<object> DecideReplaced(RolloutState state, ScaleOutFinished finished, Context context)
    {
        var batch = state.CurrentBatch;
        if (state.IsFinished || state.Step != RolloutStep.Replace || batch?.ReplacementSagaId != finished.ScaleOutSagaId)
        {
            return LateReplacements(state, finished, context);
        }

        var replacing = state.BatchInstances.Count(i => i.Phase == InstancePhase.Updating);
        if (finished.Status == "Completed" && finished.Instances.Count == replacing)
        {
            IReadOnlyList<DescribedInstance> started = [.. finished.Instances.Select(i => new DescribedInstance(i.InstanceId, i.Node, i.Address, i.Image, i.Endpoint))];
            return Then(state, [new ReplacementsStarted(batch.Number, started, context.Now)], next => AfterUpdate(next, context));
        }

        var reason = finished.Status == "Completed"
            ? $"The scale-out started {finished.Instances.Count} instances for {replacing} to replace."
            : $"The scale-out ended as {finished.Status}: {finished.Reason}";
        return Then(state, [new ReplacementFailed(batch.Number, reason, context.Now), .. LateReplacements(state, finished, context)], next => AfterUpdate(next, context));
    }

    // A scale-out of this rollout that reports instances the rollout does not track, because it stopped waiting for it
    // or could not use them, gets a scale-in for them.
    private static IReadOnlyList<object> LateReplacements(RolloutState state, ScaleOutFinished finished, Context context)
    {
        if (state.Batches.All(b => b.ReplacementSagaId != finished.ScaleOutSagaId))
        {
            return [];
        }

        var untracked = finished.Instances.Where(i => state.Find(i.InstanceId) is null).Select(i => i.InstanceId).ToList();
        return untracked.Count == 0
            ? []
            : [new LateReplacementsRemoved(finished.ScaleOutSagaId, ChildSagaIds.LateRemoval(state.SagaId, finished.ScaleOutSagaId), untracked, context.Now)];
    }

    // New instances that passed the gate replace their old ones, which go; new ones that failed go instead.
    private static List<Guid> ToRemove(RolloutState state) =>
    [
        .. state.BatchInstances
            .Where(i => i is { ReplacementOf: not null, Removed: false })
            .Select(i => i.Phase == InstancePhase.Failed ? i.InstanceId : i.ReplacementOf!.Value)
            .Where(id => state.Find(id) is { Removed: false }),
    ];

    // Ends a recreate batch's work before the batch itself ends: the scale-in first, if there is anything to remove.
    private static IReadOnlyList<object> Retire(RolloutState state, Context context, Func<RolloutState, IReadOnlyList<object>> then)
    {
        var batch = state.CurrentBatch!;
        var remove = state.Spec.Strategy == RolloutStrategy.Recreate && batch.RemovalSagaId is null ? ToRemove(state) : [];
        return remove.Count == 0
            ? then(state)
            : [new BatchRemovalRequested(batch.Number, ChildSagaIds.Removal(state.SagaId, batch.Number), remove, context.Now, context.Now + context.Options.RecreateStepTimeout)];
    }

    private static IReadOnlyList<object> DecideRemoved(RolloutState state, ScaleInFinished finished, Context context)
    {
        var batch = state.CurrentBatch;
        if (state.Step != RolloutStep.Remove || batch?.RemovalSagaId != finished.ScaleInSagaId)
        {
            return [];
        }

        return Then(state, [new InstancesRemoved(batch.Number, finished.Removed, finished.Reason, context.Now)], next => AfterRemoval(next, context));
    }

    private static IReadOnlyList<object> AfterRemoval(RolloutState state, Context context) =>
        state.Status == RolloutStatus.Aborting ? [new RolloutAborted(context.Now)] : CompleteBatch(state, context);
}
