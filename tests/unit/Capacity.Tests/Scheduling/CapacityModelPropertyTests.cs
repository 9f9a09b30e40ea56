using System.Reflection;
using Surge.Capacity.Scheduling;
using Surge.Capacity.ServiceCatalog;

namespace Surge.Capacity.Tests.Scheduling;

/// <summary>
/// Random fleets from fixed seeds, 300 per property in batches of 30: whatever the scheduler decides, it keeps every
/// limit, and the inventory counts exactly what placing one instance at a time achieves. A failure names its seed;
/// <see cref="RandomFleet.Build"/> with that seed rebuilds the fleet.
/// </summary>
public sealed class CapacityModelPropertyTests
{
    private const int SeedsPerBatch = 30;

    public static TheoryData<int> Batches => [.. Enumerable.Range(0, 10)];

    private static IEnumerable<int> SeedsOf(int batch) => Enumerable.Range(batch * SeedsPerBatch, SeedsPerBatch);

    [Theory]
    [MemberData(nameof(Batches))]
    public void Inventory_EqualsSuccessivePlacementsOfOneInstance(int batch)
    {
        foreach (var seed in SeedsOf(batch))
        {
            var (fleet, services) = RandomFleet.Build(seed);
            var service = services[seed % services.Count];

            var inventory = fleet.Inventory(service);
            var placed = new List<ScheduledInstance>();
            for (var index = 0; index < inventory.Fits; index++)
            {
                var result = fleet.PlaceAndRecord(service);
                Assert.True(result.Succeeded, $"seed {seed}: inventory counted {inventory.Fits} but placement {index + 1} failed: {result.FailureReason}");
                placed.Add(Assert.Single(result.Instances));
            }

            var next = fleet.Place(service);

            Assert.False(next.Succeeded, $"seed {seed}: inventory counted {inventory.Fits} but one more instance fit on {string.Join(", ", ModelFleet.NodesOf(next))}");
            Assert.True(inventory.Limit == next.Limit, $"seed {seed}: inventory limit {inventory.Limit}, placement limit {next.Limit}");
            Assert.Equal(inventory.Own, placed.Count(instance => instance.Source == PlacementSource.Own));
            Assert.Equal(inventory.Borrowable, placed.Count(instance => instance.Source == PlacementSource.Borrowed));
            Assert.Equal(inventory.Overflow, placed.Count(instance => instance.Source == PlacementSource.Overflow));
            Assert.Equal(inventory.Fits, inventory.Own + inventory.Borrowable + inventory.Overflow);
            var counted = inventory.Cells
                .Where(cell => cell.Fits > 0)
                .ToDictionary(cell => (cell.Pool, cell.Zone, cell.Source), cell => cell.Fits);
            var actual = placed
                .GroupBy(instance => (instance.Pool, instance.Zone, instance.Source))
                .ToDictionary(group => group.Key, group => (long)group.Count());
            Assert.True(
                counted.Count == actual.Count && counted.All(cell => actual.GetValueOrDefault(cell.Key) == cell.Value),
                $"seed {seed}: cells {Format(counted)} but placements went to {Format(actual)}");
        }
    }

    [Theory]
    [MemberData(nameof(Batches))]
    public void Place_UntilFailure_KeepsEveryLimit(int batch)
    {
        var placedAny = 0;
        foreach (var seed in SeedsOf(batch))
        {
            var (fleet, services) = RandomFleet.Build(seed);
            var random = new Random(seed);
            var failuresInARow = 0;
            for (var round = 0; round < 300 && failuresInARow < 8; round++)
            {
                var service = services[random.Next(services.Count)];
                var result = fleet.PlaceAndRecord(service, random.Next(1, 4));
                if (!result.Succeeded)
                {
                    Assert.Empty(result.Instances);
                    Assert.NotNull(result.Limit);
                    failuresInARow++;
                    continue;
                }

                failuresInARow = 0;
                placedAny++;
                AssertWithinLimits(fleet, seed, service, result);
            }
        }

        Assert.True(placedAny > SeedsPerBatch / 3, $"batch {batch}: only {placedAny} placements succeeded; the generator is too tight");
    }

    [Theory]
    [MemberData(nameof(Batches))]
    public void Fill_CountsAsPlacingOneByOne(int batch)
    {
        var fillAtOnce = typeof(PlacementPass).GetMethod("FillAtOnce", BindingFlags.NonPublic | BindingFlags.Instance)!;
        int closedForm = 0, fallback = 0;
        foreach (var seed in SeedsOf(batch))
        {
            var (fleet, services) = RandomFleet.Build(seed);
            foreach (var service in services)
            {
                var spec = fleet.Model.Services[service];
                var strategy = spec.Strategy ?? PlacementStrategy.Spread;
                var filled = new PlacementPass(fleet.Model, service, spec.Pool, spec.Shape!, strategy);
                var oneByOne = new PlacementPass(fleet.Model, service, spec.Pool, spec.Shape!, strategy);
                var probe = new PlacementPass(fleet.Model, service, spec.Pool, spec.Shape!, strategy);
                for (var index = 0; index < filled.Tiers.Count; index++)
                {
                    if (fillAtOnce.Invoke(probe, [probe.Tiers[index]]) is null)
                    {
                        fallback++;
                        while (probe.PlaceIn(probe.Tiers[index]) is not null)
                        {
                        }
                    }
                    else
                    {
                        closedForm++;
                    }

                    var byFill = filled.Fill(filled.Tiers[index]);
                    var byPlacing = new Dictionary<string, long>(StringComparer.Ordinal);
                    while (oneByOne.PlaceIn(oneByOne.Tiers[index]) is { } node)
                    {
                        byPlacing[node.Spec.Zone] = byPlacing.GetValueOrDefault(node.Spec.Zone) + 1;
                    }

                    Assert.True(
                        Format(byFill.Where(zone => zone.Value > 0)) == Format(byPlacing),
                        $"seed {seed}, {service}, tier {index}: Fill {Format(byFill)} but one by one {Format(byPlacing)}");
                }
            }
        }

        Assert.True(closedForm > 0, $"batch {batch}: no tier was counted in closed form");
        Assert.True(fallback > 0, $"batch {batch}: no tier fell back to placing one by one");
    }

    // The chosen nodes take the request's resources, spread limits and addresses without going past any of them.
    private static void AssertWithinLimits(ModelFleet fleet, int seed, string service, PlacementResult result)
    {
        var shape = fleet.Model.Services[service].Shape!;
        foreach (var instance in result.Instances)
        {
            var node = fleet.Model.Nodes[instance.Node];
            var used = node.Used;
            var allocatable = node.Allocatable;
            Assert.True(used.CpuMillicores <= allocatable.CpuMillicores, $"seed {seed}: {node.Name} over-committed on CPU, {used} used of {allocatable}");
            Assert.True(used.MemoryMiB <= allocatable.MemoryMiB, $"seed {seed}: {node.Name} over-committed on memory, {used} used of {allocatable}");
            Assert.True(used.DiskGiB <= allocatable.DiskGiB, $"seed {seed}: {node.Name} over-committed on disk, {used} used of {allocatable}");
            Assert.True(used.SwapMiB <= allocatable.SwapMiB, $"seed {seed}: {node.Name} over-committed on swap, {used} used of {allocatable}");
            Assert.True(node.Spec.AcceptsInstances, $"seed {seed}: placed on {node.Name}, which takes no instances");
            Assert.False(node.Releasing, $"seed {seed}: placed on {node.Name}, which is being released");
            Assert.True(shape.MaxPerNode is not { } perNode || node.CountOf(service) <= perNode, $"seed {seed}: {service} has {node.CountOf(service)} instances on {node.Name}, over maxPerNode {shape.MaxPerNode}");
            var inZone = fleet.Model.ZoneCount(service, instance.Zone);
            Assert.True(shape.MaxPerZone is not { } perZone || inZone <= perZone, $"seed {seed}: {service} has {inZone} instances in {instance.Zone}, over maxPerZone {shape.MaxPerZone}");
            var subnetName = Assert.IsType<string>(instance.Subnet);
            var subnet = fleet.Model.Subnets[subnetName];
            Assert.True(subnet.Charged <= subnet.Usable, $"seed {seed}: subnet {subnetName} charged {subnet.Charged} of {subnet.Usable} usable");
            Assert.True(subnet.Taken < subnet.Usable, $"seed {seed}: subnet {subnetName} has {subnet.Taken} taken of {subnet.Usable} usable");
        }

        foreach (var pool in fleet.Model.Pools.Values.Where(pool => pool.Spec.LendsIdleCapacity))
        {
            var room = pool.LendRoom();
            var borrowedHere = result.Instances.Any(instance => instance.Pool == pool.Name && instance.Source == PlacementSource.Borrowed);
            Assert.True(
                !borrowedHere || (room.CpuMillicores >= 0 && room.MemoryMiB >= 0 && room.DiskGiB >= 0 && room.SwapMiB >= 0),
                $"seed {seed}: pool {pool.Name} lent past its ratio {pool.Spec.MaxLendRatio}, room {room}");
        }
    }

    private static string Format<TKey>(IEnumerable<KeyValuePair<TKey, long>> counts) =>
        string.Join(", ", counts.Select(count => $"{count.Key}={count.Value}").Order(StringComparer.Ordinal));
}
