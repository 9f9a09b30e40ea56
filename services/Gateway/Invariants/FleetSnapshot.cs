namespace Surge.Gateway.Invariants;

/// <summary>What Capacity, Ipam, Provisioner and LoadBalancer report at one moment, as the invariant checker reads it.</summary>
/// <param name="Nodes">Capacity's nodes with their reservations.</param>
/// <param name="Allocations">Ipam's live address allocations.</param>
/// <param name="Instances">Provisioner's instances in every status.</param>
/// <param name="Backends">LoadBalancer's backends of every service.</param>
/// <param name="Sagas">The phase of each saga the other records name; a saga missing here is unknown to Capacity.</param>
public sealed record FleetSnapshot(
    IReadOnlyList<NodeRecord> Nodes,
    IReadOnlyList<AllocationRecord> Allocations,
    IReadOnlyList<InstanceRecord> Instances,
    IReadOnlyList<BackendRecord> Backends,
    IReadOnlyDictionary<Guid, SagaPhase> Sagas);
