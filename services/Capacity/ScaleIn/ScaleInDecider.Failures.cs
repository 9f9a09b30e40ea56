using Surge.Capacity.ScaleOut;

namespace Surge.Capacity.ScaleIn;

/// <summary>The failure and timeout decisions of the scale-in saga.</summary>
public static partial class ScaleInDecider
{
    private static IReadOnlyList<object> DecideDeadline(ScaleInState state, DeadlinePassed passed, DateTimeOffset now, ScaleInTimeouts options)
    {
        // Only the deadline the saga is waiting on counts; an old one arrives late after the step moved on.
        if (state.IsFinished || state.Deadline != passed.Deadline || now < passed.Deadline)
        {
            return [];
        }

        var step = CurrentStep(state);
        var reason = $"Step '{step}' passed its deadline {passed.Deadline:O} without an answer.";
        return Fail(state, step, reason, timedOut: true, now, options);
    }

    // Before any victim is stopped, the saga can still undo what it did: the victims go back into rotation. Once the
    // stop was requested, an instance may already be gone, so the saga records the failure and goes on.
    private static IReadOnlyList<object> Fail(ScaleInState state, string step, string reason, bool timedOut, DateTimeOffset now, ScaleInTimeouts options) =>
        state.Status switch
        {
            ScaleInStatus.Draining =>
                [new ScaleInStepFailed(step, reason, timedOut, now), new ScaleInAborted(reason, now), new ScaleInFailed(now)],
            ScaleInStatus.StoppingInstances =>
                [new ScaleInStepFailed(step, reason, timedOut, now, now + options.Address)],
            ScaleInStatus.ReleasingAddresses =>
                [new ScaleInStepFailed(step, reason, timedOut, now), .. Finish(state with { Failures = [.. state.FailedSteps, new ScaleInStepFailed(step, reason, timedOut, now)] }, now)],
            _ => [],
        };
}
