using Surge.Capacity.Nodes;
using Surge.Capacity.Pools;
using Surge.Capacity.Scheduling;
using static Surge.Capacity.Tests.Scheduling.FleetFixture;

namespace Surge.Capacity.Tests.Scheduling;

/// <summary>Random fleets from a fixed seed: whatever the scheduler decides, it never breaks its limits.</summary>
public sealed class SchedulerPropertyTests
{
    private const int Fleets = 500;
    private static readonly string[] PoolNames = ["feed-pool", "search-pool", "shared-pool", "spare-pool"];
    private static readonly Dictionary<string, string> ServicePools = new()
    {
        ["feed-api"] = "feed-pool",
        ["search-api"] = "search-pool",
        ["batch-api"] = "shared-pool",
        ["cache-api"] = "spare-pool",
    };

    [Fact]
    public void Place_RandomFleets_NeverOvercommitsANode()
    {
        var random = new Random(20260301);
        var placedSomewhere = 0;

        for (var fleet = 0; fleet < Fleets; fleet++)
        {
            var (pools, nodes) = RandomFleet(random);
            var request = Request(random.Next(1, 12), cpu: random.Next(1, 9) * 250, memory: random.Next(1, 9) * 256);

            var decision = Scheduler.Place(request, nodes, pools, ServicePools);

            if (decision.FailureReason is not null)
            {
                Assert.Empty(decision.Placements);
                continue;
            }

            placedSomewhere++;
            Assert.Equal(request.InstanceIds, decision.Placements.Select(p => p.InstanceId));
            foreach (var node in nodes)
            {
                var added = decision.Placements.Count(p => p.Node == node.Name);
                if (added == 0)
                {
                    continue;
                }

                Assert.True(node.Spec.AcceptsInstances, $"fleet {fleet}: placed on {node.Name}, which does not accept instances");
                Assert.True(node.FreeCpuMillicores - (added * request.Shape.CpuMillicores) >= 0, $"fleet {fleet}: {node.Name} over-committed on cpu");
                Assert.True(node.FreeMemoryMiB - (added * request.Shape.MemoryMiB) >= 0, $"fleet {fleet}: {node.Name} over-committed on memory");
            }
        }

        Assert.True(placedSomewhere > Fleets / 10, $"only {placedSomewhere} of {Fleets} random fleets placed anything; the generator is too tight");
    }

    [Fact]
    public void Place_RandomFleets_BorrowsOnlyWithinLendBudget()
    {
        var random = new Random(7);

        for (var fleet = 0; fleet < Fleets; fleet++)
        {
            var (pools, nodes) = RandomFleet(random);
            var request = Request(random.Next(1, 12), cpu: random.Next(1, 9) * 250, memory: random.Next(1, 9) * 256);

            var decision = Scheduler.Place(request, nodes, pools, ServicePools);

            foreach (var pool in pools.Where(p => p.Name != request.OwnPool))
            {
                var borrowed = decision.Placements.Count(p => p.Pool == pool.Name);
                if (borrowed == 0)
                {
                    continue;
                }

                Assert.True(pool.Spec.LendsIdleCapacity, $"fleet {fleet}: borrowed from {pool.Name}, which does not lend");
                var members = nodes.Where(n => n.Spec.Pool == pool.Name).ToList();
                var alreadyLent = members.SelectMany(n => n.Reservations).Where(r => ServicePools[r.Service] != pool.Name).ToList();
                var cpuBudget = (int)(members.Sum(n => (long)n.Spec.CpuMillicores) * pool.Spec.MaxLendRatio) - alreadyLent.Sum(r => r.CpuMillicores);
                var memoryBudget = (int)(members.Sum(n => (long)n.Spec.MemoryMiB) * pool.Spec.MaxLendRatio) - alreadyLent.Sum(r => r.MemoryMiB);
                Assert.True(borrowed * request.Shape.CpuMillicores <= cpuBudget, $"fleet {fleet}: {pool.Name} lent more cpu than its ratio allows");
                Assert.True(borrowed * request.Shape.MemoryMiB <= memoryBudget, $"fleet {fleet}: {pool.Name} lent more memory than its ratio allows");
            }
        }
    }

    private static (List<PoolView> Pools, List<NodeView> Nodes) RandomFleet(Random random)
    {
        var pools = PoolNames
            .Select(name => random.Next(3) == 0
                ? Pool(name)
                : Pool(name, lends: true, maxLendRatio: random.Next(1, 11) / 10.0, lenderPriority: random.Next(0, 4)))
            .ToList();

        var nodes = new List<NodeView>();
        var nodeCount = random.Next(1, 9);
        for (var i = 0; i < nodeCount; i++)
        {
            var cpu = random.Next(1, 17) * 500;
            var memory = random.Next(1, 17) * 1024;
            var reservations = new List<Reservation>();
            int freeCpu = cpu, freeMemory = memory;
            for (var r = random.Next(0, 4); r > 0; r--)
            {
                var service = ServicePools.Keys.ElementAt(random.Next(ServicePools.Count));
                int reservedCpu = random.Next(0, freeCpu + 1), reservedMemory = random.Next(0, freeMemory + 1);
                reservations.Add(Reserved(service, reservedCpu, reservedMemory, seed: (i * 10) + r));
                freeCpu -= reservedCpu;
                freeMemory -= reservedMemory;
            }

            nodes.Add(Node($"node-{i}", PoolNames[random.Next(PoolNames.Length)], cpu, memory, acceptsInstances: random.Next(6) != 0, reservations));
        }

        return (pools, nodes);
    }
}
