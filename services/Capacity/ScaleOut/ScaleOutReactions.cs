using Surge.Contracts.Addresses;
using Surge.Contracts.Backends;
using Surge.Contracts.Degradation;
using Surge.Contracts.Instances;
using Surge.Contracts.Nodes;
using Surge.Contracts.Placement;

namespace Surge.Capacity.ScaleOut;

/// <summary>
/// Maps each saga event to the commands it sends to the participants. Pure: it reads the state after the event, which
/// holds the instances, their addresses and, while compensating, the undo steps still to run.
/// </summary>
public static class ScaleOutReactions
{
    private const string GaveUpReason = "Its scale-out saga had already given up on it.";

    /// <summary>Returns the messages to publish because <paramref name="e"/> moved the saga to <paramref name="after"/>.</summary>
    public static IReadOnlyList<object> For(object e, ScaleOutState after) => e switch
    {
        ScaleOutRequested requested => [new PlaceInstances(requested.SagaId)],
        OverflowNodesRequested requested => [new ProvisionNodes(after.SagaId, requested.RequestId, requested.Provider, after.Pool, requested.NodeCount, requested.Size, requested.Zones)],
        OverflowNodesJoined or OverflowNodesUnavailable => [new PlaceInstances(after.SagaId)],
        InstancesPlaced placed => [new AllocateAddresses(after.SagaId, after.Service,
            [.. placed.Placements.Select(p => new AddressRequest(p.InstanceId, p.Node, p.Pool))])],
        AddressesAssigned => [new StartInstances(after.SagaId, after.Service, after.Shape,
            [.. after.Instances.Select(i => new InstanceSpec(i.InstanceId, i.Node, i.Address!))])],
        BackendsRequested => [new RegisterBackends(after.SagaId, after.Service,
            [.. after.Instances.Where(i => i.Ready).Select(i => new Backend(i.InstanceId, i.Endpoint!))]), .. CleanUpFailed(after)],
        ScaleOutFailed or ScaleOutCancelled or CompensationStepCompleted or CompensationStepAbandoned => NextUndo(after),
        LateInstanceReported late => [new StopInstances(after.SagaId, [late.InstanceId], GaveUpReason)],
        LateAddressesReported late => [new ReleaseAddresses(after.SagaId, [.. late.Addresses.Select(a => a.InstanceId)], GaveUpReason)],
        LateBackendsReported late => [new DeregisterBackends(after.SagaId, after.Service, late.InstanceIds, GaveUpReason)],
        DegradationSwitchOnRequested on when after.DegradationTerms is { } terms =>
            [new SwitchDegradation(after.SagaId, after.Service, true, terms.NonCriticalRoutes, terms.RetryAfter, on.Reason)],
        DegradationSwitchOffRequested off => [SwitchOff(after, off.Reason)],
        LateDegradationReported => [SwitchOff(after, "The load balancer reported degradation on after the saga had switched it off.")],
        _ => [],
    };

    private static SwitchDegradation SwitchOff(ScaleOutState state, string reason) =>
        new(state.SagaId, state.Service, false, [], state.DegradationTerms?.RetryAfter ?? TimeSpan.Zero, reason);

    // A partial completion keeps the ready instances; the failed ones are stopped and their addresses released
    // without waiting, since both requests are idempotent and the saga no longer depends on them.
    private static IReadOnlyList<object> CleanUpFailed(ScaleOutState state)
    {
        var failed = state.Instances.Where(i => i.FailureReason is not null).Select(i => i.InstanceId).ToList();
        if (failed.Count == 0)
        {
            return [];
        }

        const string reason = "The instance failed; its scale-out saga continues without it.";
        return [new StopInstances(state.SagaId, failed, reason), new ReleaseAddresses(state.SagaId, failed, reason)];
    }

    private static IReadOnlyList<object> NextUndo(ScaleOutState state)
    {
        if (state.Status != ScaleOutStatus.Compensating || state.Undo.Count == 0)
        {
            return [];
        }

        var ids = state.Instances.Select(i => i.InstanceId).ToList();
        var reason = state.Cancelled
            ? $"Scale-out saga {state.SagaId} was cancelled: {state.FailureReason}"
            : $"Scale-out saga {state.SagaId} failed at step '{state.FailedStep}': {state.FailureReason}";
        return state.Undo[0] switch
        {
            ScaleOutDecider.Steps.Backends => [new DeregisterBackends(state.SagaId, state.Service, ids, reason)],
            ScaleOutDecider.Steps.Instances => [new StopInstances(state.SagaId, ids, reason)],
            ScaleOutDecider.Steps.Addresses => [new ReleaseAddresses(state.SagaId, ids, reason)],

            // The degradation step's command follows from its own event, DegradationSwitchOffRequested.
            _ => [],
        };
    }
}
