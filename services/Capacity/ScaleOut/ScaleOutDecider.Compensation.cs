namespace Surge.Capacity.ScaleOut;

/// <summary>The failure, timeout, cancellation and undo decisions of the scale-out saga.</summary>
public static partial class ScaleOutDecider
{
    /// <summary>Returns the undo steps a saga in <paramref name="state"/> needs, in the order they run: the reverse of the steps done.</summary>
    public static IReadOnlyList<string> UndoStepsFor(ScaleOutState state)
    {
        IReadOnlyList<string> steps = state.Status switch
        {
            ScaleOutStatus.RegisteringBackends => [Steps.Backends, Steps.Instances, Steps.Addresses],
            ScaleOutStatus.StartingInstances => [Steps.Instances, Steps.Addresses],
            ScaleOutStatus.AllocatingAddresses => [Steps.Addresses],
            _ => [],
        };
        return state.HoldsDegradation && !state.IsFinished && state.Status != ScaleOutStatus.Compensating ? [.. steps, Steps.Degradation] : steps;
    }

    private static IReadOnlyList<object> Fail(ScaleOutState state, string step, string reason, DateTimeOffset now, SagaOptions options)
    {
        var undo = UndoStepsFor(state);
        var failed = new ScaleOutFailed(step, reason, now, undo.Count > 0 ? now + options.UndoTimeout : null);
        return undo.Count > 0 ? WithDegradationUndo(state, [failed], now) : [failed, new ScaleOutCompensated(now)];
    }

    private static IReadOnlyList<object> DecideCancel(ScaleOutState state, CancelSaga cancel, DateTimeOffset now, SagaOptions options)
    {
        if (state.IsFinished || state.Status == ScaleOutStatus.Compensating)
        {
            return [];
        }

        var undo = UndoStepsFor(state);
        var cancelled = new ScaleOutCancelled(cancel.Reason, now, undo.Count > 0 ? now + options.UndoTimeout : null);
        return undo.Count > 0 ? WithDegradationUndo(state, [cancelled], now) : [cancelled, new ScaleOutCompensated(now)];
    }

    // The saga also sends commands of the undo types outside compensation (cleaning up failed instances, stopping a
    // late one), whose replies cover only some instances. Only a reply that covers every instance of the saga
    // confirms the undo step.
    private static IReadOnlyList<object> ConfirmUndo(ScaleOutState state, string step, IReadOnlyList<Guid> confirmed, DateTimeOffset now, SagaOptions options)
    {
        if (state.Status != ScaleOutStatus.Compensating || state.Undo.Count == 0 || state.Undo[0] != step
            || (step != Steps.Degradation && !CoversAll(state, confirmed)))
        {
            return [];
        }

        return state.Undo.Count > 1
            ? WithDegradationUndo(state, [new CompensationStepCompleted(step, now, now + options.UndoTimeout)], now)
            : [new CompensationStepCompleted(step, now), new ScaleOutCompensated(now)];
    }

    private static IReadOnlyList<object> AbandonUndo(ScaleOutState state, string reason, DateTimeOffset now, SagaOptions options)
    {
        var step = state.Undo[0];
        return state.Undo.Count > 1
            ? WithDegradationUndo(state, [new CompensationStepAbandoned(step, reason, now, now + options.UndoTimeout)], now)
            : [new CompensationStepAbandoned(step, reason, now), new ScaleOutCompensated(now)];
    }

    private static IReadOnlyList<object> DecideDeadline(ScaleOutState state, DeadlinePassed passed, DateTimeOffset now, SagaOptions options)
    {
        // Only the deadline the saga is waiting on counts; an old one arrives late after the step moved on.
        if (state.IsFinished || state.Deadline != passed.Deadline || now < passed.Deadline)
        {
            return [];
        }

        var step = CurrentStep(state);
        var timedOut = new StepTimedOut(step, passed.Deadline, now);
        var reason = $"Step '{step}' passed its deadline {passed.Deadline:O} without an answer.";
        return state.Status switch
        {
            ScaleOutStatus.Compensating => [timedOut, .. AbandonUndo(state, reason, now, options)],
            ScaleOutStatus.StartingInstances => [timedOut, .. TimeOutPendingInstances(state, now, options)],
            _ => [timedOut, .. Fail(state, step, reason, now, options)],
        };
    }

    private static IReadOnlyList<object> TimeOutPendingInstances(ScaleOutState state, DateTimeOffset now, SagaOptions options)
    {
        IReadOnlyList<object> failures = [.. state.Instances
            .Where(i => i.Pending)
            .Select(i => new InstanceFailed(i.InstanceId, "It did not report ready before the saga's deadline.", now))];
        return [.. failures, .. Settle(Fold(state, failures), now, options)];
    }

    private static IReadOnlyList<object> DecideFault(ScaleOutState state, StepFaulted faulted, DateTimeOffset now, SagaOptions options)
    {
        if (state.Status == ScaleOutStatus.Compensating)
        {
            var currentUndo = state.Undo.Count > 0 && state.Undo[0] == faulted.Step && faulted.IsUndo
                && (faulted.Step == Steps.Degradation || CoversAll(state, faulted.InstanceIds ?? []));
            return currentUndo ? AbandonUndo(state, faulted.Reason, now, options) : [];
        }

        return !faulted.IsUndo && CurrentStep(state) == faulted.Step && !state.IsFinished ? Fail(state, faulted.Step, faulted.Reason, now, options) : [];
    }

    private static bool CoversAll(ScaleOutState state, IReadOnlyList<Guid> instanceIds) =>
        state.Instances.All(instance => instanceIds.Contains(instance.InstanceId));

    private static string CurrentStep(ScaleOutState state) => state.Status switch
    {
        ScaleOutStatus.Requested => Steps.Placement,
        ScaleOutStatus.ProvisioningNodes => Steps.Overflow,
        ScaleOutStatus.AllocatingAddresses => Steps.Addresses,
        ScaleOutStatus.StartingInstances => Steps.Instances,
        ScaleOutStatus.RegisteringBackends => Steps.Backends,
        ScaleOutStatus.Compensating when state.Undo.Count > 0 => state.Undo[0],
        _ => "",
    };
}
