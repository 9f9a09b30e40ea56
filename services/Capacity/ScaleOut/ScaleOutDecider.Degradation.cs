using Surge.Contracts.Degradation;

namespace Surge.Capacity.ScaleOut;

/// <summary>
/// The degradation decisions of the scale-out saga: switch on as the first step or when cloud capacity is expected too
/// late, and off once the new instances serve traffic or as the last undo step.
/// </summary>
public static partial class ScaleOutDecider
{
    /// <summary>
    /// Returns the first events of a saga: the request, followed by the switch of degradation when the request asks to
    /// degrade while scaling, so the service sheds load before placement starts.
    /// </summary>
    public static IReadOnlyList<object> Begin(ScaleOutRequested requested) =>
        requested.Degradation is { WhileScaling: true }
            ? [requested, new DegradationSwitchOnRequested($"Scale-out of {requested.RequestedCount} instances of {requested.Service} degrades while it scales.", requested.At)]
            : [requested];

    // Cloud nodes take the provider's expected time, or at worst the saga's provisioning timeout. When that is longer
    // than the request allows, the service degrades while it waits.
    private static IReadOnlyList<object> SwitchOnForOverflow(ScaleOutState state, OverflowPlan plan, DateTimeOffset now, SagaOptions options)
    {
        var expected = plan.ExpectedTime ?? options.NodeProvisioningTimeout;
        if (state.Degradation is not null || state.DegradationTerms is not { MaxTimeToCapacity: { } allowed } || expected <= allowed)
        {
            return [];
        }

        return [new DegradationSwitchOnRequested($"Cloud nodes from {plan.Provider} are expected in {expected}, longer than the {allowed} this scale-out allows without degrading.", now)];
    }

    private static IReadOnlyList<object> SwitchOff(ScaleOutState state, string reason, DateTimeOffset now) =>
        state.HoldsDegradation ? [new DegradationSwitchOffRequested(reason, now)] : [];

    // Degradation was the first step, so switching it off is the last undo step. The saga requests it once the undo
    // steps before it are done.
    private static IReadOnlyList<object> WithDegradationUndo(ScaleOutState state, IReadOnlyList<object> events, DateTimeOffset now)
    {
        var after = Fold(state, events);
        if (after.Status != ScaleOutStatus.Compensating || after.Undo.Count == 0 || after.Undo[0] != Steps.Degradation || !after.HoldsDegradation)
        {
            return events;
        }

        var reason = after.Cancelled
            ? $"Scale-out saga {after.SagaId} was cancelled: {after.FailureReason}"
            : $"Scale-out saga {after.SagaId} failed at step '{after.FailedStep}': {after.FailureReason}";
        return [.. events, new DegradationSwitchOffRequested(reason, now)];
    }

    private static IReadOnlyList<object> DecideDegradationSwitched(ScaleOutState state, DegradationSwitched switched, DateTimeOffset now, SagaOptions options)
    {
        if (state.Degradation is not { } degradation)
        {
            return [];
        }

        if (switched.On)
        {
            // A confirmation of "on" that arrives after the saga requested "off" may have overtaken the "off" at the
            // load balancer. Sending "off" once more is harmless, because a repeated "off" changes nothing.
            return degradation switch
            {
                { Holding: true, OnConfirmedAt: null } => [new DegradationSwitchConfirmed(true, now)],
                { Holding: false, OffConfirmedAt: null, LateReported: false } => [new LateDegradationReported(now)],
                _ => [],
            };
        }

        if (degradation.Holding || degradation.OffConfirmedAt is not null)
        {
            return [];
        }

        IReadOnlyList<object> confirmed = [new DegradationSwitchConfirmed(false, now)];
        var undo = state.Status == ScaleOutStatus.Compensating && state.Undo.Count > 0 && state.Undo[0] == Steps.Degradation
            ? ConfirmUndo(Fold(state, confirmed), Steps.Degradation, [], now, options)
            : [];
        return [.. confirmed, .. undo];
    }
}
