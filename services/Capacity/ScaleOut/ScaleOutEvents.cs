using Surge.Contracts.Instances;

namespace Surge.Capacity.ScaleOut;

/// <summary>A scale-out was requested: the first event of every scale-out saga.</summary>
/// <param name="Deadline">When placement must have finished.</param>
/// <param name="MinimumCount">The fewest ready instances the request accepts; null means all of them.</param>
/// <param name="Degradation">When and how the saga degrades its service while scaling; null for never.</param>
public sealed record ScaleOutRequested(
    Guid SagaId,
    string Service,
    string Pool,
    int RequestedCount,
    InstanceShape Shape,
    ScaleOutTrigger Trigger,
    DateTimeOffset At,
    DateTimeOffset? Deadline = null,
    int? MinimumCount = null,
    ScaleOutDegradation? Degradation = null);

/// <summary>The request was recorded but will not be carried out, for example because the service is at its maximum.</summary>
public sealed record ScaleOutDeclined(string Reason, DateTimeOffset At);

/// <summary>Nodes were chosen for every instance and their resources reserved; Ipam must answer by <paramref name="Deadline"/>.</summary>
public sealed record InstancesPlaced(IReadOnlyList<InstancePlacement> Placements, DateTimeOffset At, DateTimeOffset? Deadline = null);

/// <summary>Not every instance fits on the nodes the service may use.</summary>
public sealed record PlacementFailed(string Reason, DateTimeOffset At);

/// <summary>Ipam gave every instance an address valid on its node; the instances must be ready by <paramref name="Deadline"/>.</summary>
public sealed record AddressesAssigned(IReadOnlyList<AssignedAddress> Addresses, DateTimeOffset At, DateTimeOffset? Deadline = null);

/// <summary>Ipam could not give every instance an address.</summary>
public sealed record AddressAssignmentFailed(string Reason, DateTimeOffset At);

/// <summary>One instance runs and passed its readiness check.</summary>
public sealed record InstanceReady(Guid InstanceId, string Endpoint, DateTimeOffset At);

/// <summary>One instance could not be started.</summary>
public sealed record InstanceFailed(Guid InstanceId, string Reason, DateTimeOffset At);

/// <summary>Enough instances are ready; the load balancer must register them by <paramref name="Deadline"/>.</summary>
public sealed record BackendsRequested(IReadOnlyList<Guid> InstanceIds, DateTimeOffset At, DateTimeOffset Deadline);

/// <summary>The load balancer sends traffic to every new instance.</summary>
public sealed record BackendsAdded(IReadOnlyList<Guid> InstanceIds, DateTimeOffset At);

/// <summary>The load balancer could not register the new instances.</summary>
public sealed record BackendRegistrationFailed(string Reason, DateTimeOffset At);

/// <summary>
/// The saga finished with its ready instances serving traffic and their reservations committed. Fewer than requested
/// (a partial completion) when the request accepted a minimum and some instances failed.
/// </summary>
public sealed record ScaleOutCompleted(int InstanceCount, DateTimeOffset At);

/// <summary>The saga failed at a step; what the completed steps did is undone, the first undo confirmed by <paramref name="Deadline"/>.</summary>
public sealed record ScaleOutFailed(string Step, string Reason, DateTimeOffset At, DateTimeOffset? Deadline = null);

/// <summary>An operator cancelled the saga; what the completed steps did is undone as after a failure.</summary>
public sealed record ScaleOutCancelled(string Reason, DateTimeOffset At, DateTimeOffset? Deadline = null);

/// <summary>A waiting step passed its deadline.</summary>
public sealed record StepTimedOut(string Step, DateTimeOffset Deadline, DateTimeOffset At);

/// <summary>A participant confirmed one undo step; the next one, if any, must be confirmed by <paramref name="Deadline"/>.</summary>
public sealed record CompensationStepCompleted(string Step, DateTimeOffset At, DateTimeOffset? Deadline = null);

/// <summary>An undo step could not be confirmed (its participant failed or did not answer in time); the saga moves on, and the invariant checker shows what may be left.</summary>
public sealed record CompensationStepAbandoned(string Step, string Reason, DateTimeOffset At, DateTimeOffset? Deadline = null);

/// <summary>Every undo step is done and the reservations are released: the saga ended as failed or cancelled.</summary>
public sealed record ScaleOutCompensated(DateTimeOffset At);

/// <summary>An instance reported ready after its saga had already failed, so it is stopped.</summary>
public sealed record LateInstanceReported(Guid InstanceId, string Endpoint, DateTimeOffset At);

/// <summary>Ipam allocated addresses after the saga had given up on them, so they are released.</summary>
public sealed record LateAddressesReported(IReadOnlyList<AssignedAddress> Addresses, DateTimeOffset At);

/// <summary>The load balancer registered backends after the saga had given up on them, so they are deregistered.</summary>
public sealed record LateBackendsReported(IReadOnlyList<Guid> InstanceIds, DateTimeOffset At);

/// <summary>What started a scale-out: an alert matched by a policy, a request through the API, or another saga such as a rollout (<c>RequesterSagaId</c>), which is told when it ends.</summary>
public sealed record ScaleOutTrigger(string Source, string? Policy, string? AlertName, string? Fingerprint, DateTimeOffset? AlertStartsAt, string? RequestedBy = null, Guid? RequesterSagaId = null);

/// <summary>The node chosen for one instance, and whose capacity it takes; zone and source are null on sagas recorded before they were kept.</summary>
public sealed record InstancePlacement(Guid InstanceId, string Node, string Pool, string? Zone = null, Scheduling.PlacementSource? Source = null);

/// <summary>The address Ipam gave one instance.</summary>
public sealed record AssignedAddress(Guid InstanceId, string Subnet, string Address);
