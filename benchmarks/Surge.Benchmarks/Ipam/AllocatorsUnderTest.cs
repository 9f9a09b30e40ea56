namespace Surge.Benchmarks.Ipam;

/// <summary>The allocators the ipam scenario measures, in the order they run and appear in the report.</summary>
public static class AllocatorsUnderTest
{
    /// <summary>
    /// Returns a factory for each allocator of the run. The first is the baseline, the reference of the report's
    /// ratio column. The last of the usual ones writes what Surge's allocator writes and decides nothing, so it shows
    /// the rate the commits alone allow. With <paramref name="repeatBaseline"/>, the baseline runs once more at the end under another name,
    /// which shows how far two runs of the same allocator in one process differ.
    /// </summary>
    public static IReadOnlyList<Func<AllocatorEnvironment, IAddressAllocatorUnderTest>> Create(bool repeatBaseline)
    {
        List<Func<AllocatorEnvironment, IAddressAllocatorUnderTest>> allocators =
        [
            environment => new RowLockAllocator("row locks (baseline)", "ipam_bench_row_locks", environment),
            environment => new WarmSetAllocator("warm sets (Surge)", "ipam_bench_warm_sets", environment),
            environment => new LedgerAppendFloor("ledger appends alone (ceiling)", "ipam_bench_append_floor", environment),
        ];

        if (repeatBaseline)
        {
            allocators.Add(environment => new RowLockAllocator("row locks (baseline, again)", "ipam_bench_row_locks_again", environment));
        }

        return allocators;
    }
}
