namespace Surge.Benchmarks.Ipam;

/// <summary>The seeded allocation requests, the same for every allocator of a run.</summary>
public static class AllocationWorkload
{
    /// <summary>
    /// Creates <paramref name="count"/> requests, each for a new random instance id on a node of the plan chosen at
    /// random. The same seed gives the same requests.
    /// </summary>
    public static AllocationRequest[] Create(BenchmarkSubnetPlan plan, int count, int seed)
    {
        var random = new Random(seed);
        var requests = new AllocationRequest[count];
        Span<byte> id = stackalloc byte[16];
        for (var i = 0; i < count; i++)
        {
            random.NextBytes(id);
            var node = plan.Nodes[random.Next(plan.Nodes.Count)].Name;
            requests[i] = new AllocationRequest(new Guid(id), node);
        }

        return requests;
    }
}
