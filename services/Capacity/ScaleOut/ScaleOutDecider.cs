using Surge.Contracts.Addresses;
using Surge.Contracts.Backends;
using Surge.Contracts.Instances;

namespace Surge.Capacity.ScaleOut;

/// <summary>
/// Decides which events a message adds to a scale-out saga. Pure: the same state, message and time always give the
/// same events, so a saga can be replayed and tested without infrastructure. A message that does not fit the saga's
/// status (a duplicate, or a reply to a step already passed) gives no events.
/// </summary>
public static class ScaleOutDecider
{
    /// <summary>The step names <see cref="ScaleOutFailed"/> uses.</summary>
    public static class Steps
    {
        /// <summary>Choosing nodes and reserving resources.</summary>
        public const string Placement = "placement";

        /// <summary>Getting an address per instance from Ipam.</summary>
        public const string Addresses = "addresses";

        /// <summary>Starting the instances at the provisioner.</summary>
        public const string Instances = "instances";

        /// <summary>Registering the instances at the load balancer.</summary>
        public const string Backends = "backends";
    }

    /// <summary>Returns the events <paramref name="message"/> adds to the saga in <paramref name="state"/> at <paramref name="now"/>.</summary>
    public static IReadOnlyList<object> Decide(ScaleOutState state, object message, DateTimeOffset now) => message switch
    {
        PlacementDecision placement => DecidePlacement(state, placement, now),
        AddressesAllocated allocated => DecideAddresses(state, allocated, now),
        AddressAllocationRejected rejected when state.Status == ScaleOutStatus.AllocatingAddresses =>
            [new AddressAssignmentFailed(rejected.Reason, now), new ScaleOutFailed(Steps.Addresses, rejected.Reason, now)],
        InstanceStarted started => DecideInstanceStarted(state, started, now),
        InstanceStartFailed failed => DecideInstanceFailed(state, failed, now),
        BackendsRegistered registered when state.Status == ScaleOutStatus.RegisteringBackends =>
            [new BackendsAdded(registered.InstanceIds, now), new ScaleOutCompleted(state.Instances.Count, now)],
        BackendRegistrationRejected rejected when state.Status == ScaleOutStatus.RegisteringBackends =>
            [new BackendRegistrationFailed(rejected.Reason, now), new ScaleOutFailed(Steps.Backends, rejected.Reason, now)],
        _ => [],
    };

    private static IReadOnlyList<object> DecidePlacement(ScaleOutState state, PlacementDecision placement, DateTimeOffset now)
    {
        if (state.Status != ScaleOutStatus.Requested || state.Instances.Count > 0)
        {
            return [];
        }

        if (placement.FailureReason is { } reason)
        {
            return [new PlacementFailed(reason, now), new ScaleOutFailed(Steps.Placement, reason, now)];
        }

        return [new InstancesPlaced(placement.Placements, now)];
    }

    private static IReadOnlyList<object> DecideAddresses(ScaleOutState state, AddressesAllocated allocated, DateTimeOffset now)
    {
        if (state.Status != ScaleOutStatus.AllocatingAddresses)
        {
            return [];
        }

        var missing = state.Instances.Where(i => allocated.Assignments.All(a => a.InstanceId != i.InstanceId)).ToList();
        if (missing.Count > 0)
        {
            var reason = $"Ipam returned no address for {missing.Count} of {state.Instances.Count} instances, first {missing[0].InstanceId}.";
            return [new AddressAssignmentFailed(reason, now), new ScaleOutFailed(Steps.Addresses, reason, now)];
        }

        var addresses = allocated.Assignments
            .Where(a => state.Instances.Any(i => i.InstanceId == a.InstanceId))
            .Select(a => new AssignedAddress(a.InstanceId, a.Subnet, a.Address))
            .ToList();
        return [new AddressesAssigned(addresses, now)];
    }

    private static IReadOnlyList<object> DecideInstanceStarted(ScaleOutState state, InstanceStarted started, DateTimeOffset now)
    {
        var instance = state.Instances.FirstOrDefault(i => i.InstanceId == started.InstanceId);
        if (instance is null || instance.Ready)
        {
            return [];
        }

        if (state.Status == ScaleOutStatus.Failed)
        {
            return [new LateInstanceReported(started.InstanceId, started.Endpoint, now)];
        }

        return state.Status == ScaleOutStatus.StartingInstances ? [new InstanceReady(started.InstanceId, started.Endpoint, now)] : [];
    }

    private static IReadOnlyList<object> DecideInstanceFailed(ScaleOutState state, InstanceStartFailed failed, DateTimeOffset now)
    {
        var known = state.Instances.Any(i => i.InstanceId == failed.InstanceId);
        if (!known || state.Status != ScaleOutStatus.StartingInstances)
        {
            return [];
        }

        var reason = $"Instance {failed.InstanceId} failed to start: {failed.Reason}";
        return [new InstanceFailed(failed.InstanceId, failed.Reason, now), new ScaleOutFailed(Steps.Instances, reason, now)];
    }

    /// <summary>Returns the state after one event; the first event must be <see cref="ScaleOutRequested"/>.</summary>
    public static ScaleOutState? Evolve(ScaleOutState? state, object e) => (state, e) switch
    {
        (null, ScaleOutRequested requested) => new ScaleOutState(
            ScaleOutState.StreamKey(requested.SagaId), requested.SagaId, requested.Service, requested.Pool, requested.RequestedCount,
            requested.Shape, requested.Trigger, ScaleOutStatus.Requested, [], requested.At),
        (null, _) => null,
        (_, ScaleOutDeclined declined) => state with { Status = ScaleOutStatus.Declined, FailureReason = declined.Reason, FinishedAt = declined.At },
        (_, InstancesPlaced placed) => state with
        {
            Status = ScaleOutStatus.AllocatingAddresses,
            Instances = [.. placed.Placements.Select(p => new PlannedInstance(p.InstanceId, p.Node, p.Pool))],
        },
        (_, AddressesAssigned assigned) => state with
        {
            Status = ScaleOutStatus.StartingInstances,
            Instances = [.. state.Instances.Select(i => assigned.Addresses.FirstOrDefault(a => a.InstanceId == i.InstanceId) is { } a
                ? i with { Subnet = a.Subnet, Address = a.Address }
                : i)],
        },
        (_, InstanceReady ready) => WithReadyInstance(state, ready),
        (_, InstanceFailed failed) => state with
        {
            Instances = [.. state.Instances.Select(i => i.InstanceId == failed.InstanceId ? i with { FailureReason = failed.Reason } : i)],
        },
        (_, LateInstanceReported late) => state with
        {
            // Recording the endpoint marks the instance as reported, so a repeated report stops it only once.
            Instances = [.. state.Instances.Select(i => i.InstanceId == late.InstanceId ? i with { Endpoint = late.Endpoint } : i)],
        },
        (_, ScaleOutCompleted completed) => state with { Status = ScaleOutStatus.Completed, FinishedAt = completed.At },
        (_, ScaleOutFailed failed) => state with
        {
            Status = ScaleOutStatus.Failed,
            FailedStep = failed.Step,
            FailureReason = failed.Reason,
            FinishedAt = failed.At,
        },
        _ => state,
    };

    private static ScaleOutState WithReadyInstance(ScaleOutState state, InstanceReady ready)
    {
        var instances = state.Instances.Select(i => i.InstanceId == ready.InstanceId ? i with { Endpoint = ready.Endpoint } : i).ToList();
        var allReady = instances.All(i => i.Ready);
        return state with
        {
            Instances = instances,
            Status = allReady && state.Status == ScaleOutStatus.StartingInstances ? ScaleOutStatus.RegisteringBackends : state.Status,
        };
    }
}
