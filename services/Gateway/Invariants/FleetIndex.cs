namespace Surge.Gateway.Invariants;

/// <summary>A <see cref="FleetSnapshot"/> indexed by instance id, with the instances of running sagas set apart.</summary>
internal sealed class FleetIndex
{
    public FleetIndex(FleetSnapshot fleet)
    {
        Fleet = fleet;
        Reservations = [.. fleet.Nodes.SelectMany(node => node.Reservations.Select(reservation => new NodeReservation(node.Name, reservation)))];
        ReservationsByInstance = Reservations.ToLookup(placed => placed.Reservation.InstanceId);
        AllocationsByInstance = fleet.Allocations.ToLookup(allocation => allocation.InstanceId);
        InstancesById = fleet.Instances.GroupBy(instance => instance.InstanceId).ToDictionary(group => group.Key, group => group.First());
        BackendsByInstance = fleet.Backends.ToLookup(backend => backend.InstanceId);
        InFlight = SagasByInstance().Where(pair => IsRunning(pair.SagaId)).Select(pair => pair.InstanceId).ToHashSet();
    }

    public FleetSnapshot Fleet { get; }

    public IReadOnlyList<NodeReservation> Reservations { get; }

    public ILookup<Guid, NodeReservation> ReservationsByInstance { get; }

    public ILookup<Guid, AllocationRecord> AllocationsByInstance { get; }

    public IReadOnlyDictionary<Guid, InstanceRecord> InstancesById { get; }

    public ILookup<Guid, BackendRecord> BackendsByInstance { get; }

    /// <summary>Instances that any record ties to a running saga.</summary>
    /// <remarks>
    /// NOTE: records carry the id of the scale-out saga that created the instance. A scale-in or rollout saga that
    /// drains, stops or releases an instance does not make it in flight here, so its intermediate steps show up as leaks.
    /// </remarks>
    public IReadOnlySet<Guid> InFlight { get; }

    public InstanceRecord? Instance(Guid instanceId) => InstancesById.GetValueOrDefault(instanceId);

    public bool IsLive(Guid instanceId) => Instance(instanceId)?.IsLive == true;

    /// <summary>Returns the instance's status, or a phrase saying Provisioner does not know it, to use in a sentence.</summary>
    public string DescribeStatus(Guid instanceId) => Instance(instanceId) is { } instance ? instance.Status : "unknown to Provisioner";

    private bool IsRunning(Guid sagaId) => Fleet.Sagas.TryGetValue(sagaId, out var phase) && phase == SagaPhase.Running;

    private IEnumerable<(Guid InstanceId, Guid SagaId)> SagasByInstance() =>
        Reservations.Select(placed => (placed.Reservation.InstanceId, placed.Reservation.SagaId))
            .Concat(Fleet.Allocations.Select(allocation => (allocation.InstanceId, allocation.SagaId)))
            .Concat(Fleet.Instances.Select(instance => (instance.InstanceId, instance.SagaId)))
            .Concat(Fleet.Backends.Select(backend => (backend.InstanceId, backend.SagaId)));
}

/// <summary>A reservation and the node it is on.</summary>
internal sealed record NodeReservation(string Node, ReservationRecord Reservation);
