using Surge.Capacity.Nodes;
using Surge.Capacity.Pools;
using Surge.Capacity.Scheduling;
using Surge.Capacity.ServiceCatalog;

namespace Surge.Capacity.Tests.Scheduling;

/// <summary>Builds pools, nodes and placement requests for scheduler tests, with deterministic ids.</summary>
internal static class FleetFixture
{
    public static PoolView Pool(string name, bool lends = false, double maxLendRatio = 0, int lenderPriority = 100) =>
        new(PoolView.StreamKey(name), name, new PoolSpec(lends, maxLendRatio, lenderPriority));

    public static NodeView Node(string name, string pool, int cpu = 4000, int memory = 8192, bool acceptsInstances = true, IReadOnlyList<Reservation>? reservations = null) =>
        new(NodeView.StreamKey(name), name, new NodeSpec(pool, "zone-a", null, cpu, memory, null, acceptsInstances), reservations ?? []);

    public static Reservation Reserved(string service, int cpu, int memory, int seed = 0) =>
        new(IdOf(0x7e5e_0000 + seed), IdOf(0x5a9a_0000 + seed), service, cpu, memory, Committed: true);

    public static PlacementRequest Request(int count, int cpu = 500, int memory = 512, string service = "feed-api", string ownPool = "feed-pool") =>
        new(service, ownPool, new InstanceShapeSpec(cpu, memory), [.. Enumerable.Range(1, count).Select(IdOf)]);

    public static Guid IdOf(int number) => new(number, 0, 0, [0, 0, 0, 0, 0, 0, 0, 0]);
}
