namespace Surge.Benchmarks.Ipam;

/// <summary>The allocators the ipam scenario measures, in the order they run and appear in the report.</summary>
public static class AllocatorsUnderTest
{
    /// <summary>
    /// Returns each allocator of the run. The first is the baseline, the reference of the report's ratio column. The
    /// last of the usual ones writes what Surge's allocator writes and decides nothing, so it shows the rate the commits
    /// alone allow. With <paramref name="repeatBaseline"/>, the baseline runs once more at the end under another name,
    /// which shows how far two runs of the same allocator in one process differ.
    /// </summary>
    public static IReadOnlyList<AllocatorUnderTest> Create(bool repeatBaseline)
    {
        List<AllocatorUnderTest> allocators =
        [
            new("row locks (baseline)", "ipam_bench_row_locks", (name, schema, environment) => new RowLockAllocator(name, schema, environment)),
            new("warm sets (Surge)", "ipam_bench_warm_sets", (name, schema, environment) => new WarmSetAllocator(name, schema, environment)),
            new("ledger appends alone (ceiling)", "ipam_bench_append_floor", (name, schema, environment) => new LedgerAppendFloor(name, schema, environment)),
        ];

        if (repeatBaseline)
        {
            allocators.Add(new("row locks (baseline, again)", "ipam_bench_row_locks_again", (name, schema, environment) => new RowLockAllocator(name, schema, environment)));
        }

        return allocators;
    }
}

/// <summary>One allocator of the run: its name in the report, its schema, and how to create an instance.</summary>
/// <param name="Create">Creates an instance from a name, a schema and the run's environment.</param>
public sealed record AllocatorUnderTest(string Name, string Schema, Func<string, string, AllocatorEnvironment, IAddressAllocatorUnderTest> Create)
{
    /// <summary>The instance whose results the report gives.</summary>
    public IAddressAllocatorUnderTest Measured(AllocatorEnvironment environment) => Create(Name, Schema, environment);

    /// <summary>An instance in a schema of its own that only runs the JIT warm-up, see <see cref="JitWarmUp"/>.</summary>
    public IAddressAllocatorUnderTest ForJitWarmUp(AllocatorEnvironment environment) => Create($"{Name}, JIT warm-up", $"{Schema}_jit", environment);
}
