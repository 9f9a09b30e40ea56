using Surge.Contracts.Addresses;
using Surge.Contracts.Backends;
using Surge.Contracts.Degradation;
using Surge.Contracts.Instances;
using Surge.Contracts.Nodes;

namespace Surge.Capacity.ScaleOut;

/// <summary>
/// Decides which events a message adds to a scale-out saga. Pure: the same state, message, time and timeouts always
/// give the same events, so a saga can be replayed and tested without infrastructure. A message that does not fit the
/// saga's status (a duplicate, or a reply to a step already passed) gives no events.
/// </summary>
public static partial class ScaleOutDecider
{
    /// <summary>The step names failures, timeouts and undo steps use.</summary>
    public static class Steps
    {
        /// <summary>Choosing nodes and reserving resources.</summary>
        public const string Placement = "placement";

        /// <summary>Waiting for cloud nodes when existing nodes cannot hold the instances.</summary>
        public const string Overflow = "overflow";

        /// <summary>Getting an address per instance from Ipam; as an undo step, releasing them.</summary>
        public const string Addresses = "addresses";

        /// <summary>Starting the instances at the provisioner; as an undo step, stopping them.</summary>
        public const string Instances = "instances";

        /// <summary>Registering the instances at the load balancer; as an undo step, deregistering them.</summary>
        public const string Backends = "backends";

        /// <summary>As an undo step, switching the degradation the saga switched on off again; always the last one.</summary>
        public const string Degradation = "degradation";

        /// <summary>The step name of an operator's cancellation.</summary>
        public const string Cancel = "cancel";
    }

    /// <summary>Returns the events <paramref name="message"/> adds to the saga in <paramref name="state"/> at <paramref name="now"/>.</summary>
    public static IReadOnlyList<object> Decide(ScaleOutState state, object message, DateTimeOffset now, SagaOptions? timeouts = null)
    {
        var options = timeouts ?? new SagaOptions();
        return message switch
        {
            PlacementDecision placement => DecidePlacement(state, placement, now, options),
            NodesProvisioned provisioned when IsAwaited(state, provisioned.RequestId) =>
                [new OverflowNodesJoined(provisioned.RequestId, provisioned.Provider, [.. provisioned.Nodes.Select(n => n.Name)], now, now + options.PlacementTimeout)],
            NodeProvisioningFailed failed when IsAwaited(state, failed.RequestId) =>
                [new OverflowNodesUnavailable(failed.RequestId, failed.Provider, failed.Reason, now, now + options.PlacementTimeout)],
            AddressesAllocated allocated => DecideAddresses(state, allocated, now, options),
            AddressAllocationRejected rejected when state.Status == ScaleOutStatus.AllocatingAddresses =>
                [new AddressAssignmentFailed(rejected.Reason, now), .. Fail(state, Steps.Addresses, rejected.Reason, now, options)],
            InstanceStarted started => DecideInstanceStarted(state, started, now, options),
            InstanceStartFailed failed => DecideInstanceFailed(state, failed, now, options),
            BackendsRegistered when state.Status == ScaleOutStatus.RegisteringBackends => DecideRegistered(state, now),
            BackendsRegistered late when state.GaveUp => [new LateBackendsReported(late.InstanceIds, now)],
            BackendRegistrationRejected rejected when state.Status == ScaleOutStatus.RegisteringBackends =>
                [new BackendRegistrationFailed(rejected.Reason, now), .. Fail(state, Steps.Backends, rejected.Reason, now, options)],
            BackendsDeregistered deregistered => ConfirmUndo(state, Steps.Backends, deregistered.InstanceIds, now, options),
            InstancesStopped stopped => ConfirmUndo(state, Steps.Instances, stopped.InstanceIds, now, options),
            AddressesReleased released => ConfirmUndo(state, Steps.Addresses, released.InstanceIds, now, options),
            DeadlinePassed passed => DecideDeadline(state, passed, now, options),
            StepFaulted faulted => DecideFault(state, faulted, now, options),
            CancelSaga cancel => DecideCancel(state, cancel, now, options),
            DegradationSwitched switched => DecideDegradationSwitched(state, switched, now, options),
            _ => [],
        };
    }

    private static IReadOnlyList<object> DecidePlacement(ScaleOutState state, PlacementDecision placement, DateTimeOffset now, SagaOptions options)
    {
        if (state.Status != ScaleOutStatus.Requested || state.Instances.Count > 0)
        {
            return [];
        }

        if (placement is { FailureReason: { } why, Overflow: { } plan })
        {
            return
            [
                .. SwitchOnForOverflow(state, plan, now, options),
                new OverflowNodesRequested(plan.RequestId, plan.Provider, plan.NodeCount, plan.Size, plan.Zones, plan.ShortBy, why, now, now + options.NodeProvisioningTimeout),
            ];
        }

        if (placement.FailureReason is { } reason)
        {
            return [new PlacementFailed(reason, now), .. Fail(state, Steps.Placement, reason, now, options)];
        }

        return [new InstancesPlaced(placement.Placements, now, now + options.AddressTimeout)];
    }

    private static IReadOnlyList<object> DecideAddresses(ScaleOutState state, AddressesAllocated allocated, DateTimeOffset now, SagaOptions options)
    {
        if (state.Status != ScaleOutStatus.AllocatingAddresses)
        {
            return state.GaveUp ? LateAddresses(state, allocated, now) : [];
        }

        var missing = state.Instances.Where(i => allocated.Assignments.All(a => a.InstanceId != i.InstanceId)).ToList();
        if (missing.Count > 0)
        {
            var reason = $"Ipam returned no address for {missing.Count} of {state.Instances.Count} instances, first {missing[0].InstanceId}.";
            return [new AddressAssignmentFailed(reason, now), .. Fail(state, Steps.Addresses, reason, now, options)];
        }

        var addresses = allocated.Assignments
            .Where(a => state.Instances.Any(i => i.InstanceId == a.InstanceId))
            .Select(a => new AssignedAddress(a.InstanceId, a.Subnet, a.Address))
            .ToList();
        return [new AddressesAssigned(addresses, now, now + options.InstanceStartTimeout)];
    }

    // Ipam can commit an allocation after the saga stopped waiting for it, for example when the database restarted
    // in between, and after the saga's own release found nothing to free. Addresses the saga never recorded would
    // otherwise stay allocated to instances that never start.
    private static IReadOnlyList<object> LateAddresses(ScaleOutState state, AddressesAllocated allocated, DateTimeOffset now)
    {
        var late = allocated.Assignments
            .Where(a => state.Instances.Any(i => i.InstanceId == a.InstanceId && i.Address is null))
            .Select(a => new AssignedAddress(a.InstanceId, a.Subnet, a.Address))
            .ToList();
        return late.Count > 0 ? [new LateAddressesReported(late, now)] : [];
    }

    private static IReadOnlyList<object> DecideInstanceStarted(ScaleOutState state, InstanceStarted started, DateTimeOffset now, SagaOptions options)
    {
        var instance = state.Instances.FirstOrDefault(i => i.InstanceId == started.InstanceId);
        if (instance is null || instance.Endpoint is not null)
        {
            return [];
        }

        // An instance that comes up after its saga gave up on it (failed, cancelled, timed out) must not run unseen.
        if (state.Status != ScaleOutStatus.StartingInstances || instance.FailureReason is not null)
        {
            return state.Status is ScaleOutStatus.Requested or ScaleOutStatus.AllocatingAddresses
                ? []
                : [new LateInstanceReported(started.InstanceId, started.Endpoint, now)];
        }

        IReadOnlyList<object> events = [new InstanceReady(started.InstanceId, started.Endpoint, now)];
        return [.. events, .. Settle(Fold(state, events), now, options)];
    }

    private static IReadOnlyList<object> DecideInstanceFailed(ScaleOutState state, InstanceStartFailed failed, DateTimeOffset now, SagaOptions options)
    {
        var instance = state.Instances.FirstOrDefault(i => i.InstanceId == failed.InstanceId);
        if (instance is not { Pending: true } || state.Status != ScaleOutStatus.StartingInstances)
        {
            return [];
        }

        IReadOnlyList<object> events = [new InstanceFailed(failed.InstanceId, failed.Reason, now)];
        return [.. events, .. Settle(Fold(state, events), now, options)];
    }

    // Once no instance can change the outcome any more, either enough are ready (register them, possibly fewer than
    // requested) or too few can still become ready (fail without waiting for the rest).
    private static IReadOnlyList<object> Settle(ScaleOutState state, DateTimeOffset now, SagaOptions options)
    {
        var ready = state.Instances.Where(i => i.Ready).ToList();
        var pending = state.Instances.Count(i => i.Pending);
        var minimum = MinimumOf(state);
        if (ready.Count + pending < minimum)
        {
            var failed = state.Instances.First(i => i.FailureReason is not null);
            var reason = $"Only {ready.Count + pending} of {state.RequestedCount} instances can still become ready and the request needs {minimum}; instance {failed.InstanceId} failed: {failed.FailureReason}";
            return Fail(state, Steps.Instances, reason, now, options);
        }

        return pending == 0 ? [new BackendsRequested([.. ready.Select(i => i.InstanceId)], now, now + options.BackendTimeout)] : [];
    }

    private static IReadOnlyList<object> DecideRegistered(ScaleOutState state, DateTimeOffset now)
    {
        var ready = state.Instances.Where(i => i.Ready).Select(i => i.InstanceId).ToList();
        return [new BackendsAdded(ready, now), new ScaleOutCompleted(ready.Count, now), .. SwitchOff(state, "The new instances serve traffic.", now)];
    }

    private static bool IsAwaited(ScaleOutState state, Guid requestId) =>
        state.Status == ScaleOutStatus.ProvisioningNodes && state.Overflow.Count > 0 && state.Overflow[^1].RequestId == requestId;

    private static int MinimumOf(ScaleOutState state) => state.MinimumCount is > 0 ? Math.Min(state.MinimumCount, state.RequestedCount) : state.RequestedCount;

    private static ScaleOutState Fold(ScaleOutState state, IEnumerable<object> events) =>
        events.Aggregate(state, (current, e) => Evolve(current, e)!);
}
