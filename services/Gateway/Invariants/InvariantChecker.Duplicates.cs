using System.Net;

namespace Surge.Gateway.Invariants;

public static partial class InvariantChecker
{
    private static IEnumerable<InvariantFinding> AddressesAllocatedTwice(FleetIndex index) =>
        from allocation in index.Fleet.Allocations
        group allocation by CanonicalAddress(allocation.Address) into byAddress
        where byAddress.Select(allocation => allocation.InstanceId).Distinct().Count() > 1
        orderby byAddress.Key
        select Duplicate(FindingKinds.AddressAllocatedTwice, byAddress.Select(allocation => allocation.InstanceId),
            $"Address {byAddress.Key} is allocated to {byAddress.Select(a => a.InstanceId).Distinct().Count()} instances " +
            $"(subnets {string.Join(", ", byAddress.Select(a => a.Subnet).Distinct().Order(StringComparer.Ordinal))}).");

    private static IEnumerable<InvariantFinding> AddressesUsedTwice(FleetIndex index) =>
        from instance in index.Fleet.Instances
        where instance.IsStarted && !string.IsNullOrEmpty(instance.Address)
        group instance by CanonicalAddress(instance.Address) into byAddress
        where byAddress.Select(instance => instance.InstanceId).Distinct().Count() > 1
        orderby byAddress.Key
        select Duplicate(FindingKinds.AddressUsedTwice, byAddress.Select(instance => instance.InstanceId),
            $"Address {byAddress.Key} is used by {byAddress.Select(i => i.InstanceId).Distinct().Count()} started instances " +
            $"(services {string.Join(", ", byAddress.Select(i => i.Service).Distinct().Order(StringComparer.Ordinal))}).");

    private static IEnumerable<InvariantFinding> InstancesAllocatedTwice(FleetIndex index) =>
        from allocations in index.AllocationsByInstance
        where allocations.Count() > 1
        orderby allocations.Key
        select Duplicate(FindingKinds.InstanceAllocatedTwice, [allocations.Key],
            $"Instance {allocations.Key} has {allocations.Count()} address allocations: " +
            $"{string.Join(", ", allocations.Select(a => $"{a.Address} in {a.Subnet}").Order(StringComparer.Ordinal))}.");

    private static IEnumerable<InvariantFinding> InstancesReservedTwice(FleetIndex index) =>
        from reservations in index.ReservationsByInstance
        where reservations.Count() > 1
        orderby reservations.Key
        select Duplicate(FindingKinds.InstanceReservedTwice, [reservations.Key],
            $"Instance {reservations.Key} is reserved {reservations.Count()} times, on nodes " +
            $"{string.Join(", ", reservations.Select(r => r.Node).Order(StringComparer.Ordinal))}.");

    private static IEnumerable<InvariantFinding> EndpointsUsedTwice(FleetIndex index) =>
        from backend in index.Fleet.Backends
        group backend by CanonicalEndpoint(backend.Endpoint) into byEndpoint
        where byEndpoint.Select(backend => backend.InstanceId).Distinct().Count() > 1
        orderby byEndpoint.Key
        select Duplicate(FindingKinds.EndpointUsedTwice, byEndpoint.Select(backend => backend.InstanceId),
            $"Backend endpoint {byEndpoint.Key} is used by {byEndpoint.Select(b => b.InstanceId).Distinct().Count()} instances " +
            $"(services {string.Join(", ", byEndpoint.Select(b => b.Service).Distinct().Order(StringComparer.Ordinal))}).");

    private static InvariantFinding Duplicate(string kind, IEnumerable<Guid> instanceIds, string detail) =>
        new(kind, FindingKinds.Duplicate, Ordered(instanceIds), detail);

    /// <summary>Returns the address in IPAddress's canonical text, so <c>::01</c> and <c>::1</c> compare equal; other text unchanged.</summary>
    private static string CanonicalAddress(string address) =>
        IPAddress.TryParse(address, out var parsed) ? parsed.ToString() : address;

    private static string CanonicalEndpoint(string endpoint) => endpoint.TrimEnd('/');
}
