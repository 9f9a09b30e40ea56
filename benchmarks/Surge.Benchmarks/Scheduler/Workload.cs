using Surge.Capacity.Nodes;
using Surge.Capacity.ServiceCatalog;

namespace Surge.Benchmarks.Scheduler;

/// <summary>
/// The seeded stream of placement requests and releases. Two workloads with the same seed and the same placement
/// outcomes issue the same requests and release the same instances, so both schedulers see the same work.
/// </summary>
public sealed class Workload
{
    /// <summary>The time of the first request; each request is one second after the one before.</summary>
    public static readonly DateTimeOffset Epoch = new(2026, 12, 5, 0, 0, 0, TimeSpan.Zero);

    private static readonly TimeSpan ReservationLifetime = TimeSpan.FromMinutes(10);

    private readonly Random random;
    private readonly IReadOnlyList<ServicePlan> services;
    private readonly long[] cumulativeWeights;
    private readonly List<Guid> running;
    private readonly int target;
    private int issued;

    /// <summary>Starts from the running instances; releases keep their number at <paramref name="target"/>.</summary>
    public Workload(IReadOnlyList<ServicePlan> services, IEnumerable<Guid> running, int target, int seed)
    {
        random = new Random(seed + 2);
        this.services = services;
        this.running = [.. running];
        this.target = target;

        // Services are requested in proportion to their planned size, so each service's share of the fleet stays put.
        cumulativeWeights = new long[services.Count];
        long sum = 0;
        for (var s = 0; s < services.Count; s++)
        {
            sum += Math.Max(1, services[s].Instances);
            cumulativeWeights[s] = sum;
        }
    }

    /// <summary>The next request: 60% ask for one instance, 20% for two, 10% for three, 10% for four or five.</summary>
    public WorkloadRequest Next()
    {
        var pick = random.NextInt64(cumulativeWeights[^1]);
        var index = Array.BinarySearch(cumulativeWeights, pick + 1);
        var service = services[index < 0 ? ~index : index];
        var count = random.Next(10) switch
        {
            < 6 => 1,
            < 8 => 2,
            8 => 3,
            _ => 4 + random.Next(2),
        };

        var ids = new Guid[count];
        for (var i = 0; i < count; i++)
        {
            ids[i] = NewId(random);
        }

        issued++;
        var spec = service.Spec;
        return new WorkloadRequest(service.Name, spec.Pool, spec.Shape!, spec.Strategy ?? PlacementStrategy.Spread, ids, NewId(random), Epoch.AddSeconds(issued));
    }

    /// <summary>Adds the instances of a request that was placed to the running ones.</summary>
    public void Placed(IReadOnlyList<Guid> instanceIds) => running.AddRange(instanceIds);

    /// <summary>Chooses random running instances to remove until the target count is reached again.</summary>
    public List<Guid> ReleasesDue()
    {
        var released = new List<Guid>();
        while (running.Count > target)
        {
            var index = random.Next(running.Count);
            released.Add(running[index]);
            running[index] = running[^1];
            running.RemoveAt(running.Count - 1);
        }

        return released;
    }

    /// <summary>A random id from the seeded generator, so every run uses the same ids.</summary>
    public static Guid NewId(Random random)
    {
        Span<byte> bytes = stackalloc byte[16];
        random.NextBytes(bytes);
        return new Guid(bytes);
    }

    /// <summary>The reservation event for one instance of <paramref name="shape"/>, expiring as a saga's would.</summary>
    public static NodeResourcesReserved Reserved(Guid instanceId, Guid sagaId, string service, InstanceShapeSpec shape, DateTimeOffset at) =>
        new(instanceId, sagaId, service, shape.CpuMillicores, shape.MemoryMiB, at, shape.DiskGiB, shape.SwapMiB, at + ReservationLifetime);
}
