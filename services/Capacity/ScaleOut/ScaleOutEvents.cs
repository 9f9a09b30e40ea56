using Surge.Contracts.Instances;

namespace Surge.Capacity.ScaleOut;

/// <summary>A scale-out was requested: the first event of every scale-out saga.</summary>
public sealed record ScaleOutRequested(
    Guid SagaId,
    string Service,
    string Pool,
    int RequestedCount,
    InstanceShape Shape,
    ScaleOutTrigger Trigger,
    DateTimeOffset At);

/// <summary>The request was recorded but will not be carried out, for example because the service is at its maximum.</summary>
public sealed record ScaleOutDeclined(string Reason, DateTimeOffset At);

/// <summary>Nodes were chosen for every instance and their resources reserved.</summary>
public sealed record InstancesPlaced(IReadOnlyList<InstancePlacement> Placements, DateTimeOffset At);

/// <summary>Not every instance fits on the nodes the service may use.</summary>
public sealed record PlacementFailed(string Reason, DateTimeOffset At);

/// <summary>Ipam gave every instance an address valid on its node.</summary>
public sealed record AddressesAssigned(IReadOnlyList<AssignedAddress> Addresses, DateTimeOffset At);

/// <summary>Ipam could not give every instance an address.</summary>
public sealed record AddressAssignmentFailed(string Reason, DateTimeOffset At);

/// <summary>One instance runs and passed its readiness check.</summary>
public sealed record InstanceReady(Guid InstanceId, string Endpoint, DateTimeOffset At);

/// <summary>One instance could not be started.</summary>
public sealed record InstanceFailed(Guid InstanceId, string Reason, DateTimeOffset At);

/// <summary>The load balancer sends traffic to every new instance.</summary>
public sealed record BackendsAdded(IReadOnlyList<Guid> InstanceIds, DateTimeOffset At);

/// <summary>The load balancer could not register the new instances.</summary>
public sealed record BackendRegistrationFailed(string Reason, DateTimeOffset At);

/// <summary>The saga finished with every instance serving traffic and its reservations committed.</summary>
public sealed record ScaleOutCompleted(int InstanceCount, DateTimeOffset At);

/// <summary>The saga failed at a step; what the completed steps did is being undone.</summary>
public sealed record ScaleOutFailed(string Step, string Reason, DateTimeOffset At);

/// <summary>An instance reported ready after its saga had already failed, so it is stopped.</summary>
public sealed record LateInstanceReported(Guid InstanceId, string Endpoint, DateTimeOffset At);

/// <summary>What started a scale-out: an alert matched by a policy, or a request through the API.</summary>
public sealed record ScaleOutTrigger(string Source, string? Policy, string? AlertName, string? Fingerprint, DateTimeOffset? AlertStartsAt, string? RequestedBy = null);

/// <summary>The node chosen for one instance.</summary>
public sealed record InstancePlacement(Guid InstanceId, string Node, string Pool);

/// <summary>The address Ipam gave one instance.</summary>
public sealed record AssignedAddress(Guid InstanceId, string Subnet, string Address);
