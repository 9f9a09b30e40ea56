namespace Surge.Benchmarks.Ipam;

/// <summary>
/// An address allocator measured by the ipam scenario. Each one keeps its state in its own schema of the run's
/// database. The run prepares it, calls <see cref="AllocateAsync"/> from many callers at once, then reads back what
/// it stored.
/// </summary>
public interface IAddressAllocatorUnderTest : IAsyncDisposable
{
    /// <summary>The allocator's name in the report.</summary>
    string Name { get; }

    /// <summary>
    /// Creates the allocator's storage for the plan's subnet and gives every node of the plan its warm level of
    /// addresses. The run calls it once, before any allocation, and reports its time apart from the allocation rate.
    /// </summary>
    Task PrepareAsync(BenchmarkSubnetPlan plan, CancellationToken ct);

    /// <summary>
    /// Allocates one address of the plan's subnet to <paramref name="instanceId"/> on <paramref name="node"/> and
    /// returns it in dotted IPv4 form, or null when no address is free for the node. It returns only once the allocation is
    /// committed to PostgreSQL, so the caller could hand the address to the instance. Up to the run's concurrency of
    /// callers call it at once, and each instance id comes once.
    /// </summary>
    Task<string?> AllocateAsync(Guid instanceId, string node, CancellationToken ct);

    /// <summary>
    /// Reads every allocation committed to the allocator's storage, not its memory. The run calls it after the last
    /// allocation returned and compares it with what the callers received.
    /// </summary>
    Task<IReadOnlyList<(Guid InstanceId, string Address)>> ReadAllocationsAsync(CancellationToken ct);
}
