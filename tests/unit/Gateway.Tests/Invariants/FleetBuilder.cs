using Surge.Gateway.Invariants;

namespace Surge.Gateway.Tests.Invariants;

/// <summary>Builds a <see cref="FleetSnapshot"/> record by record, with shortcuts for a correctly serving instance.</summary>
internal sealed class FleetBuilder
{
    private readonly Dictionary<string, (NodeCapacity Capacity, List<ReservationRecord> Reservations)> nodes = [];
    private readonly List<AllocationRecord> allocations = [];
    private readonly List<InstanceRecord> instances = [];
    private readonly List<BackendRecord> backends = [];
    private readonly Dictionary<Guid, SagaPhase> sagas = [];

    public const string Service = "feed-api";

    public static string EndpointOf(string address) => $"http://{address}:8080";

    public FleetBuilder Node(string name, int cpuMillicores = 4000, int memoryMiB = 8192)
    {
        nodes[name] = (new NodeCapacity(cpuMillicores, memoryMiB), []);
        return this;
    }

    public FleetBuilder Saga(Guid sagaId, SagaPhase phase)
    {
        sagas[sagaId] = phase;
        return this;
    }

    public FleetBuilder Reservation(Guid instanceId, Guid sagaId, string node = "node-1", int cpuMillicores = 500, int memoryMiB = 512)
    {
        if (!nodes.ContainsKey(node))
        {
            Node(node);
        }

        nodes[node].Reservations.Add(new ReservationRecord(instanceId, sagaId, Service, cpuMillicores, memoryMiB, Committed: true));
        return this;
    }

    public FleetBuilder Allocation(Guid instanceId, Guid sagaId, string address, string node = "node-1", string subnet = "feed-net")
    {
        allocations.Add(new AllocationRecord(subnet, address, instanceId, sagaId, node));
        return this;
    }

    public FleetBuilder Instance(Guid instanceId, Guid sagaId, string status, string address, string? endpoint = null, string node = "node-1")
    {
        instances.Add(new InstanceRecord(instanceId, sagaId, Service, node, address, status, endpoint));
        return this;
    }

    public FleetBuilder Backend(Guid instanceId, Guid sagaId, string endpoint, string service = Service)
    {
        backends.Add(new BackendRecord(service, instanceId, endpoint, sagaId));
        return this;
    }

    /// <summary>Adds an instance the way a completed scale-out leaves it: reserved, allocated, started and a backend.</summary>
    public FleetBuilder Serving(Guid instanceId, Guid sagaId, string address, string node = "node-1") =>
        Reservation(instanceId, sagaId, node)
            .Allocation(instanceId, sagaId, address, node)
            .Instance(instanceId, sagaId, "Started", address, EndpointOf(address), node)
            .Backend(instanceId, sagaId, EndpointOf(address));

    public FleetBuilder WithoutReservations()
    {
        foreach (var node in nodes.Values)
        {
            node.Reservations.Clear();
        }

        return this;
    }

    public FleetBuilder WithoutAllocations()
    {
        allocations.Clear();
        return this;
    }

    public FleetBuilder WithoutBackends()
    {
        backends.Clear();
        return this;
    }

    public FleetSnapshot Build() => new(
        [.. nodes.Select(pair => new NodeRecord(pair.Key, pair.Value.Capacity, [.. pair.Value.Reservations]))],
        [.. allocations],
        [.. instances],
        [.. backends],
        new Dictionary<Guid, SagaPhase>(sagas));
}
