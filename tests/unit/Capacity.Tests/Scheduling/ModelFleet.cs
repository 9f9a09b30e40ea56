using Surge.Capacity.Addresses;
using Surge.Capacity.Nodes;
using Surge.Capacity.Pools;
using Surge.Capacity.Scheduling;
using Surge.Capacity.ServiceCatalog;

namespace Surge.Capacity.Tests.Scheduling;

/// <summary>
/// Builds a <see cref="CapacityModel"/> by applying events with the next version of each stream, the way the hosting
/// code feeds it, and records placements back as <see cref="NodeResourcesReserved"/> events. Ids are deterministic.
/// </summary>
internal sealed class ModelFleet
{
    public static readonly DateTimeOffset At = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);
    public static readonly Guid Saga = Guid.Parse("0195a000-0000-7000-8000-00000000a5a9");

    private int nextInstance;

    public CapacityModel Model { get; } = new();

    /// <summary>Applies one event as the next version of its stream and checks that the model applied it.</summary>
    public ModelFleet Apply(string streamKey, object data)
    {
        var result = Model.Apply(streamKey, Model.VersionOf(streamKey) + 1, data);
        Assert.Equal(ModelApplyResult.Applied, result);
        return this;
    }

    public ModelFleet Pool(string name, bool lends = false, double maxLendRatio = 0, int lenderPriority = 100, IReadOnlyList<string>? overflowProviders = null) =>
        Apply($"pool/{name}", new PoolSpecified(name, new PoolSpec(lends, maxLendRatio, lenderPriority, OverflowProviders: overflowProviders)));

    public ModelFleet Service(string name, string pool, InstanceShapeSpec? shape = null, PlacementStrategy? strategy = null) =>
        Apply($"service/{name}", new ServiceSpecified(name, new ServiceSpec(pool, "registry.local/app:1.0.0", shape ?? Shape(), Strategy: strategy)));

    public ModelFleet Node(
        string name,
        string pool,
        string zone = "zone-a",
        int cpu = 4000,
        int memory = 8192,
        int disk = 0,
        int swap = 0,
        IReadOnlyDictionary<string, string>? labels = null,
        bool acceptsInstances = true,
        IReadOnlyList<NodeTaint>? taints = null,
        string? provider = null) =>
        Node(name, new NodeSpec(pool, zone, null, cpu, memory, labels, acceptsInstances, disk, swap, taints, provider));

    public ModelFleet Node(string name, NodeSpec spec) => Apply($"node/{name}", new NodeSpecified(name, spec));

    /// <summary>Records Ipam's report of a subnet, with the next Ipam version.</summary>
    public ModelFleet Subnet(string name, long usable, long taken = 0, IReadOnlyList<string>? pools = null, IReadOnlyList<string>? nodes = null)
    {
        var key = SubnetAddressesRecorded.StreamKey(name);
        return Apply(key, new SubnetAddressesRecorded(name, pools ?? [], nodes ?? [], usable, taken, Model.VersionOf(key) + 1, At));
    }

    /// <summary>Reserves resources on a node for a new instance and returns its id.</summary>
    public Guid Reserve(string node, string service, int cpu = 500, int memory = 512, int disk = 0, int swap = 0, DateTimeOffset? expiresAt = null)
    {
        var instanceId = NextInstanceId();
        Apply($"node/{node}", new NodeResourcesReserved(instanceId, Saga, service, cpu, memory, At, disk, swap, expiresAt));
        return instanceId;
    }

    /// <summary>A request for <paramref name="count"/> instances of a declared service, with its pool, shape and strategy.</summary>
    public PlacementRequest Request(string service, int count)
    {
        var spec = Model.Services[service];
        return Request(service, count, spec.Pool, spec.Shape!, spec.Strategy ?? PlacementStrategy.Spread);
    }

    public PlacementRequest Request(string service, int count, string ownPool, InstanceShapeSpec shape, PlacementStrategy strategy = PlacementStrategy.Spread) =>
        new(service, ownPool, shape, [.. Enumerable.Range(0, count).Select(_ => NextInstanceId())], strategy);

    /// <summary>Places instances of a declared service without recording them.</summary>
    public PlacementResult Place(string service, int count = 1) => Model.Place(Request(service, count));

    /// <summary>Places instances of a declared service and, when they all fit, records them as reservations.</summary>
    public PlacementResult PlaceAndRecord(string service, int count = 1)
    {
        var request = Request(service, count);
        var result = Model.Place(request);
        Record(request, result);
        return result;
    }

    /// <summary>Applies a reservation event for every instance the result placed, as the scale-out saga records them.</summary>
    public void Record(PlacementRequest request, PlacementResult result)
    {
        var shape = request.Shape;
        foreach (var instance in result.Instances)
        {
            Apply($"node/{instance.Node}", new NodeResourcesReserved(
                instance.InstanceId,
                Saga,
                request.Service,
                shape.CpuMillicores,
                shape.MemoryMiB,
                At,
                shape.DiskGiB,
                shape.SwapMiB,
                At.AddMinutes(5)));
        }
    }

    /// <summary>The inventory of a declared service's own shape and strategy.</summary>
    public InventoryReport Inventory(string service, IReadOnlyList<CloudProvider>? providers = null)
    {
        var spec = Model.Services[service];
        return Model.Inventory(spec.Shape!, service, spec.Strategy ?? PlacementStrategy.Spread, providers ?? []);
    }

    public static InstanceShapeSpec Shape(
        int cpu = 500,
        int memory = 512,
        int disk = 0,
        int swap = 0,
        int? maxPerNode = null,
        int? maxPerZone = null,
        IReadOnlyDictionary<string, string>? requiredLabels = null,
        IReadOnlyList<NodeTaint>? tolerations = null) =>
        new(cpu, memory, disk, swap, maxPerNode, maxPerZone, requiredLabels, tolerations);

    public static List<string> NodesOf(PlacementResult result) => [.. result.Instances.Select(instance => instance.Node)];

    private Guid NextInstanceId() => new(++nextInstance, 0, 0, [0, 0, 0, 0, 0, 0, 0, 0]);
}
