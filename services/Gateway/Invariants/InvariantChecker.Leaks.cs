namespace Surge.Gateway.Invariants;

public static partial class InvariantChecker
{
    private static IEnumerable<InvariantFinding> LeakedAddresses(FleetIndex index) =>
        from allocation in index.Fleet.Allocations
        where !index.InFlight.Contains(allocation.InstanceId)
            && !index.IsLive(allocation.InstanceId)
            && !index.ReservationsByInstance.Contains(allocation.InstanceId)
        orderby allocation.InstanceId, allocation.Address
        select Leak(FindingKinds.AddressLeaked, allocation.InstanceId,
            $"Address {allocation.Address} in subnet {allocation.Subnet} is allocated to instance {allocation.InstanceId}, " +
            $"which is {index.DescribeStatus(allocation.InstanceId)} and holds no reservation (saga {allocation.SagaId}).");

    private static IEnumerable<InvariantFinding> LeakedReservations(FleetIndex index) =>
        from placed in index.Reservations
        let reservation = placed.Reservation
        where !index.InFlight.Contains(reservation.InstanceId) && !index.IsLive(reservation.InstanceId)
        orderby reservation.InstanceId, placed.Node
        select Leak(FindingKinds.ReservationLeaked, reservation.InstanceId,
            $"Node {placed.Node} holds {reservation.CpuMillicores} millicores and {reservation.MemoryMiB} MiB for instance " +
            $"{reservation.InstanceId} of service {reservation.Service}, which is {index.DescribeStatus(reservation.InstanceId)} (saga {reservation.SagaId}).");

    private static IEnumerable<InvariantFinding> StartedInstanceGaps(FleetIndex index)
    {
        var settled = index.Fleet.Instances
            .Where(instance => instance.IsStarted && !index.InFlight.Contains(instance.InstanceId))
            .OrderBy(instance => instance.InstanceId);
        foreach (var instance in settled)
        {
            if (!index.ReservationsByInstance.Contains(instance.InstanceId))
            {
                yield return Leak(FindingKinds.InstanceWithoutReservation, instance.InstanceId,
                    $"Instance {instance.InstanceId} of service {instance.Service} runs on node {instance.Node} but no node holds a reservation for it (saga {instance.SagaId}).");
            }

            var allocations = index.AllocationsByInstance[instance.InstanceId].ToList();
            if (allocations.Count == 0)
            {
                yield return Leak(FindingKinds.InstanceWithoutAddress, instance.InstanceId,
                    $"Instance {instance.InstanceId} of service {instance.Service} runs at {instance.Address} but Ipam has no allocation for it (saga {instance.SagaId}).");
            }
            else if (!allocations.Any(allocation => CanonicalAddress(allocation.Address) == CanonicalAddress(instance.Address)))
            {
                yield return Leak(FindingKinds.AddressMismatch, instance.InstanceId,
                    $"Instance {instance.InstanceId} of service {instance.Service} runs at {instance.Address} but Ipam allocated it " +
                    $"{string.Join(", ", allocations.Select(allocation => allocation.Address))} (saga {instance.SagaId}).");
            }
        }
    }

    private static IEnumerable<InvariantFinding> StaleBackends(FleetIndex index)
    {
        var settled = index.Fleet.Backends
            .Where(backend => !index.InFlight.Contains(backend.InstanceId))
            .OrderBy(backend => backend.Service, StringComparer.Ordinal)
            .ThenBy(backend => backend.InstanceId);
        foreach (var backend in settled)
        {
            var instance = index.Instance(backend.InstanceId);
            if (instance is not { IsStarted: true })
            {
                yield return Leak(FindingKinds.BackendNotStarted, backend.InstanceId,
                    $"Service {backend.Service} routes traffic to {backend.Endpoint} for instance {backend.InstanceId}, " +
                    $"which is {index.DescribeStatus(backend.InstanceId)} (saga {backend.SagaId}).");
            }
            else if (CanonicalEndpoint(instance.Endpoint ?? "") != CanonicalEndpoint(backend.Endpoint))
            {
                yield return Leak(FindingKinds.BackendEndpointMismatch, backend.InstanceId,
                    $"Service {backend.Service} routes traffic to {backend.Endpoint} for instance {backend.InstanceId}, " +
                    $"which serves at {instance.Endpoint ?? "no endpoint"} (saga {backend.SagaId}).");
            }
        }
    }

    private static IEnumerable<InvariantFinding> InstancesNotServing(FleetIndex index) =>
        from instance in index.Fleet.Instances
        where instance.IsStarted
            && !index.InFlight.Contains(instance.InstanceId)
            && index.Fleet.Sagas.GetValueOrDefault(instance.SagaId, SagaPhase.Running) is SagaPhase.Completed or SagaPhase.PartiallyCompleted
            && !index.BackendsByInstance.Contains(instance.InstanceId)
        orderby instance.InstanceId
        select Leak(FindingKinds.InstanceNotServing, instance.InstanceId,
            $"Instance {instance.InstanceId} of service {instance.Service} runs at {instance.Endpoint} and its saga {instance.SagaId} completed, " +
            "but it is not a backend of any service, so it serves no traffic.");
}
