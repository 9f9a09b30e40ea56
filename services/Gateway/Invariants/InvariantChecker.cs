namespace Surge.Gateway.Invariants;

/// <summary>
/// Cross-checks reservations, addresses, instances and backends and lists every duplicate, overcommitted node and leak.
/// Pure: the same snapshot always gives the same findings.
/// </summary>
public static partial class InvariantChecker
{
    /// <summary>Returns the report of <paramref name="fleet"/>, read starting at <paramref name="checkedAt"/>.</summary>
    public static InvariantReport Check(FleetSnapshot fleet, DateTimeOffset checkedAt)
    {
        var index = new FleetIndex(fleet);
        IReadOnlyList<InvariantFinding> findings = [.. FindDuplicates(index), .. FindOvercommittedNodes(index), .. FindLeaks(index)];
        var counts = new InvariantCounts(index.Reservations.Count, fleet.Allocations.Count, fleet.Instances.Count, fleet.Backends.Count);
        return new InvariantReport(checkedAt, findings.Count == 0, index.InFlight.Count, counts, findings);
    }

    // Duplicates are checked on in-flight instances too: no step of a saga allocates one address or reserves one instance twice.
    private static IEnumerable<InvariantFinding> FindDuplicates(FleetIndex index) =>
    [
        .. AddressesAllocatedTwice(index),
        .. AddressesUsedTwice(index),
        .. InstancesAllocatedTwice(index),
        .. InstancesReservedTwice(index),
        .. EndpointsUsedTwice(index),
    ];

    // Leaks are checked only on settled instances: a running saga has taken some resources and not yet the others.
    private static IEnumerable<InvariantFinding> FindLeaks(FleetIndex index) =>
    [
        .. LeakedAddresses(index),
        .. LeakedReservations(index),
        .. StartedInstanceGaps(index),
        .. StaleBackends(index),
        .. InstancesNotServing(index),
    ];

    private static IEnumerable<InvariantFinding> FindOvercommittedNodes(FleetIndex index)
    {
        foreach (var node in index.Fleet.Nodes.OrderBy(node => node.Name, StringComparer.Ordinal))
        {
            var cpu = node.Reservations.Sum(reservation => reservation.CpuMillicores);
            var memory = node.Reservations.Sum(reservation => reservation.MemoryMiB);
            if (cpu > node.Spec.CpuMillicores || memory > node.Spec.MemoryMiB)
            {
                yield return new InvariantFinding(FindingKinds.NodeOvercommitted, FindingKinds.Overcommit, Ordered(node.Reservations.Select(r => r.InstanceId)),
                    $"Node {node.Name} has {cpu} of {node.Spec.CpuMillicores} millicores and {memory} of {node.Spec.MemoryMiB} MiB reserved " +
                    $"by {node.Reservations.Count} reservations.");
            }
        }
    }

    private static IReadOnlyList<Guid> Ordered(IEnumerable<Guid> instanceIds) => [.. instanceIds.Distinct().Order()];

    private static InvariantFinding Leak(string kind, Guid instanceId, string detail) =>
        new(kind, FindingKinds.Leak, [instanceId], detail);
}
