namespace Surge.Capacity.ScaleOut;

/// <summary>How each event changes a scale-out saga's state.</summary>
public static partial class ScaleOutDecider
{
    /// <summary>Returns the state after one event; the first event must be <see cref="ScaleOutRequested"/>.</summary>
    public static ScaleOutState? Evolve(ScaleOutState? state, object e) => (state, e) switch
    {
        (null, ScaleOutRequested requested) => new ScaleOutState(
            ScaleOutState.StreamKey(requested.SagaId), requested.SagaId, requested.Service, requested.Pool, requested.RequestedCount,
            requested.Shape, requested.Trigger, ScaleOutStatus.Requested, [], requested.At,
            Deadline: requested.Deadline, MinimumCount: requested.MinimumCount ?? 0, DegradationTerms: requested.Degradation),
        (null, _) => null,
        (_, ScaleOutDeclined declined) => state with { Status = ScaleOutStatus.Declined, FailureReason = declined.Reason, FinishedAt = declined.At, Deadline = null },
        (_, InstancesPlaced placed) => state with
        {
            Status = ScaleOutStatus.AllocatingAddresses,
            Deadline = placed.Deadline,
            Instances = [.. placed.Placements.Select(p => new PlannedInstance(p.InstanceId, p.Node, p.Pool))],
        },
        (_, OverflowNodesRequested requested) => state with
        {
            Status = ScaleOutStatus.ProvisioningNodes,
            Deadline = requested.Deadline,
            OverflowAttempts = [.. state.Overflow, new OverflowAttempt(requested.RequestId, requested.Provider, requested.Size, [], NodeCount: requested.NodeCount)],
        },
        (_, OverflowNodesJoined joined) => state with
        {
            Status = ScaleOutStatus.Requested,
            Deadline = joined.Deadline,
            OverflowAttempts = [.. state.Overflow.Select(a => a.RequestId == joined.RequestId ? a with { Nodes = joined.Nodes } : a)],
        },
        (_, OverflowNodesUnavailable unavailable) => state with
        {
            Status = ScaleOutStatus.Requested,
            Deadline = unavailable.Deadline,
            OverflowAttempts = [.. state.Overflow.Select(a => a.RequestId == unavailable.RequestId ? a with { Failure = unavailable.Reason } : a)],
        },
        (_, AddressesAssigned assigned) => state with
        {
            Status = ScaleOutStatus.StartingInstances,
            Deadline = assigned.Deadline,
            Instances = [.. state.Instances.Select(i => assigned.Addresses.FirstOrDefault(a => a.InstanceId == i.InstanceId) is { } a
                ? i with { Subnet = a.Subnet, Address = a.Address }
                : i)],
        },
        (_, InstanceReady ready) => WithInstance(state, ready.InstanceId, i => i with { Endpoint = ready.Endpoint }),
        (_, InstanceFailed failed) => WithInstance(state, failed.InstanceId, i => i with { FailureReason = failed.Reason }),

        // Recording the endpoint marks the instance as reported, so a repeated report stops it only once.
        (_, LateInstanceReported late) => WithInstance(state, late.InstanceId, i => i with { Endpoint = late.Endpoint }),

        // Likewise, recording a late address makes a repeated reply release it only once.
        (_, LateAddressesReported late) => state with
        {
            Instances = [.. state.Instances.Select(i => late.Addresses.FirstOrDefault(a => a.InstanceId == i.InstanceId) is { } a
                ? i with { Subnet = a.Subnet, Address = a.Address }
                : i)],
        },
        (_, BackendsRequested requested) => state with { Status = ScaleOutStatus.RegisteringBackends, Deadline = requested.Deadline },
        (_, ScaleOutCompleted completed) => state with
        {
            Status = completed.InstanceCount < state.RequestedCount ? ScaleOutStatus.PartiallyCompleted : ScaleOutStatus.Completed,
            FinishedAt = completed.At,
            Deadline = null,
        },
        (_, ScaleOutFailed failed) => state with
        {
            Status = ScaleOutStatus.Compensating,
            FailedStep = failed.Step,
            FailureReason = failed.Reason,
            PendingUndo = UndoStepsFor(state),
            Deadline = failed.Deadline,
        },
        (_, ScaleOutCancelled cancelled) => state with
        {
            Status = ScaleOutStatus.Compensating,
            Cancelled = true,
            FailedStep = Steps.Cancel,
            FailureReason = cancelled.Reason,
            PendingUndo = UndoStepsFor(state),
            Deadline = cancelled.Deadline,
        },
        (_, DegradationSwitchOnRequested on) => state with { Degradation = new SagaDegradation(on.Reason, on.At) },
        (_, DegradationSwitchOffRequested off) when state.Degradation is { } current => state with { Degradation = current with { OffRequestedAt = off.At } },
        (_, DegradationSwitchConfirmed { On: true } confirmed) when state.Degradation is { } current => state with { Degradation = current with { OnConfirmedAt = confirmed.At } },
        (_, DegradationSwitchConfirmed { On: false } confirmed) when state.Degradation is { } current => state with { Degradation = current with { OffConfirmedAt = confirmed.At } },
        (_, LateDegradationReported) when state.Degradation is { } current => state with { Degradation = current with { LateReported = true } },
        (_, CompensationStepCompleted completed) => state with { PendingUndo = [.. state.Undo.Skip(1)], Deadline = completed.Deadline },
        (_, CompensationStepAbandoned abandoned) => state with { PendingUndo = [.. state.Undo.Skip(1)], Deadline = abandoned.Deadline },
        (_, ScaleOutCompensated compensated) => state with
        {
            Status = state.Cancelled ? ScaleOutStatus.Cancelled : ScaleOutStatus.Failed,
            PendingUndo = [],
            FinishedAt = compensated.At,
            Deadline = null,
        },
        _ => state,
    };

    private static ScaleOutState WithInstance(ScaleOutState state, Guid instanceId, Func<PlannedInstance, PlannedInstance> change) => state with
    {
        Instances = [.. state.Instances.Select(i => i.InstanceId == instanceId ? change(i) : i)],
    };
}
