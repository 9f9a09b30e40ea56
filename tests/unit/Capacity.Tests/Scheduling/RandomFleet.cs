using Surge.Capacity.Nodes;
using Surge.Capacity.ServiceCatalog;
using static Surge.Capacity.Tests.Scheduling.ModelFleet;

namespace Surge.Capacity.Tests.Scheduling;

/// <summary>
/// A random fleet from a seed. Pools lend with random ratios and priorities, and nodes get random zones, resources,
/// labels and taints. Subnets serve pools or list nodes, and some are so small that addresses run out. Services get
/// random shapes and spread limits, and existing reservations each fit their node. Every third seed builds a tight
/// fleet, with small lending ratios, small subnets, subnets listing nodes and zone limits, where the inventory cannot
/// count a tier in closed form and places one instance at a time.
/// </summary>
internal static class RandomFleet
{
    public static readonly NodeTaint Spot = new("spot");
    public static readonly NodeTaint DedicatedSearch = new("dedicated", "search");

    public static (ModelFleet Fleet, List<string> Services) Build(int seed)
    {
        var random = new Random(seed);
        var tight = seed % 3 == 0;
        var fleet = new ModelFleet();
        var pools = Enumerable.Range(0, random.Next(1, 5)).Select(index => $"pool-{index}").ToList();
        var zones = Enumerable.Range(0, random.Next(1, 4)).Select(index => $"zone-{(char)('a' + index)}").ToList();

        foreach (var pool in pools)
        {
            if (random.Next(5) < 3)
            {
                var ratio = tight ? random.Next(1, 4) / 10.0 : random.Next(1, 11) / 10.0;
                fleet.Pool(pool, lends: true, maxLendRatio: ratio, lenderPriority: random.Next(0, 3));
            }
            else
            {
                fleet.Pool(pool);
            }
        }

        var services = Enumerable.Range(0, random.Next(1, 4)).Select(index => $"service-{index}").ToList();
        foreach (var service in services)
        {
            var strategy = random.Next(3) == 0 ? PlacementStrategy.Pack : (PlacementStrategy?)null;
            var shape = RandomShape(random);
            if (tight && shape.MaxPerZone is null)
            {
                shape = shape with { MaxPerZone = random.Next(1, 9) };
            }

            fleet.Service(service, pools[random.Next(pools.Count)], shape, strategy);
        }

        var nodes = new List<string>();
        for (var index = random.Next(1, 13); index > 0; index--)
        {
            var name = $"node-{nodes.Count:D2}";
            nodes.Add(name);
            fleet.Node(name, RandomNode(random, pools, zones));
        }

        AddSubnets(random, fleet, pools, nodes, tight);
        AddReservations(random, fleet, services, nodes);
        if (random.Next(4) == 0)
        {
            var node = nodes[random.Next(nodes.Count)];
            fleet.Apply($"node/{node}", new NodeReleaseStarted(Guid.Empty, "idle", At));
        }

        return (fleet, services);
    }

    private static InstanceShapeSpec RandomShape(Random random)
    {
        Dictionary<string, string>? labels = random.Next(8) == 0 ? new() { ["disk"] = "ssd" } : null;
        List<NodeTaint>? tolerations = random.Next(4) switch
        {
            0 => [Spot],
            1 => [new NodeTaint("dedicated")],
            2 => [DedicatedSearch, Spot],
            _ => null,
        };
        return Shape(
            cpu: random.Next(1, 9) * 250,
            memory: random.Next(1, 9) * 256,
            disk: random.Next(3) == 0 ? random.Next(1, 21) : 0,
            swap: random.Next(4) == 0 ? random.Next(1, 5) * 64 : 0,
            maxPerNode: random.Next(3) == 0 ? random.Next(1, 5) : null,
            maxPerZone: random.Next(3) == 0 ? random.Next(1, 9) : null,
            requiredLabels: labels,
            tolerations: tolerations);
    }

    private static NodeSpec RandomNode(Random random, List<string> pools, List<string> zones)
    {
        Dictionary<string, string>? labels = random.Next(3) switch
        {
            0 => new() { ["disk"] = "ssd" },
            1 => new() { ["disk"] = "hdd" },
            _ => null,
        };
        List<NodeTaint>? taints = random.Next(10) switch
        {
            0 => [Spot],
            1 => [new NodeTaint("dedicated", "feed")],
            2 => [DedicatedSearch],
            _ => null,
        };
        return new NodeSpec(
            pools[random.Next(pools.Count)],
            zones[random.Next(zones.Count)],
            null,
            random.Next(1, 17) * 500,
            random.Next(1, 17) * 1024,
            labels,
            AcceptsInstances: random.Next(10) != 0,
            DiskGiB: random.Next(4) != 0 ? random.Next(10, 201) : 0,
            SwapMiB: random.Next(2) == 0 ? random.Next(1, 17) * 256 : 0,
            Taints: taints,
            Provider: random.Next(6) == 0 ? "private-cloud" : null);
    }

    // Half the subnets are small and some list nodes by name, so that addresses limit placement in many fleets.
    private static void AddSubnets(Random random, ModelFleet fleet, List<string> pools, List<string> nodes, bool tight)
    {
        for (var index = random.Next(1, 5); index > 0; index--)
        {
            var small = tight || random.Next(2) == 0;
            var usable = small ? random.Next(1, 8) : random.Next(20, 200);
            var taken = random.Next(4) == 0 ? random.Next(0, usable + 3) : 0;
            List<string> served = [.. pools.Where(_ => random.Next(3) != 0)];
            List<string> listed = tight || random.Next(3) == 0 ? [.. nodes.Where(_ => random.Next(3) == 0)] : [];
            fleet.Subnet($"subnet-{index}", usable, taken, served, listed);
        }
    }

    // Reservations of declared services and of a retired service that is no longer declared, each within what its node
    // has free.
    private static void AddReservations(Random random, ModelFleet fleet, List<string> services, List<string> nodes)
    {
        foreach (var name in nodes)
        {
            for (var count = random.Next(0, 4); count > 0; count--)
            {
                var node = fleet.Model.Nodes[name];
                var free = node.Allocatable - node.Used;
                var service = random.Next(5) == 0 ? "retired-service" : services[random.Next(services.Count)];
                var cpu = random.Next(0, (int)free.CpuMillicores / 2 + 1);
                var memory = random.Next(0, (int)free.MemoryMiB / 2 + 1);
                var disk = random.Next(0, (int)free.DiskGiB / 2 + 1);
                var swap = random.Next(0, (int)free.SwapMiB / 2 + 1);
                var instanceId = fleet.Reserve(name, service, cpu, memory, disk, swap, At.AddMinutes(5));
                switch (random.Next(4))
                {
                    case 0:
                        fleet.Apply($"node/{name}", new ReservationCommitted(instanceId, At));
                        break;
                    case 1:
                        fleet.Apply($"node/{name}", new ReservationReleased(instanceId, "saga failed", At));
                        break;
                }
            }
        }
    }
}
