using System.Diagnostics;
using System.Runtime;

namespace Surge.Benchmarks.Ipam;

/// <summary>
/// Runs allocations on a separate instance of an allocator until the runtime stops compiling, so the measured
/// instance runs the code a long-running Ipam runs. .NET compiles a method first quickly, then again optimized once it
/// has been called often. Under the benchmark's load the second compilation of the allocation path's few thousand
/// methods went on for seconds and, in CPU profiles of the timed phase, took up to a fifth of the CPU. A warm-up of a
/// fixed number of allocations ended long before that.
/// </summary>
public static class JitWarmUp
{
    // The runtime compiles a method again only after a pause of about 100 ms without new methods, so a quiet round
    // must be much longer than that to show that compiling has ended.
    private static readonly TimeSpan RoundLength = TimeSpan.FromSeconds(1);

    // A round that compiles at most this many methods counts as quiet: background work such as a timer's first run
    // compiles a few methods now and then.
    private const int QuietMethods = 10;

    // Requests go to the allocator in chunks this size, and a round ends after the chunk that passes its length.
    private const int AllocationsPerChunk = 5_000;

    // A subnet too small for a few chunks per instance would spend the warm-up preparing instances, not allocating.
    private const int MinimumAddresses = 4 * AllocationsPerChunk;

    /// <summary>
    /// Runs rounds of allocations on instances from <paramref name="create"/> until a round of a second compiles at
    /// most a few methods while it allocates, or <paramref name="limit"/> has passed. The instances give nine tenths of
    /// the subnet to the plan's nodes, so one instance lasts long. It is replaced by a new one, prepared in the same
    /// schema, once three quarters of those addresses are taken, before the rounds contend for the last ones. What a
    /// preparation compiles is left out of the round's count, because the measured instance is prepared anyway. The
    /// limit is checked after each chunk, so the warm-up may end up to a chunk and a preparation after it. A subnet
    /// whose nodes would get fewer than 20,000 addresses skips the warm-up.
    /// </summary>
    public static async Task<JitWarmUpResult> RunAsync(
        Func<IAddressAllocatorUnderTest> create, BenchmarkSubnetPlan measured, int concurrency, int seed, TimeSpan limit, CancellationToken ct)
    {
        var started = Stopwatch.GetTimestamp();
        var plan = BenchmarkSubnetPlan.Create(measured.Subnet, measured.Nodes.Count, (int)(measured.UsableAddressCount * 0.9 / measured.Nodes.Count));
        var budget = plan.WarmAddressCount * 3 / 4 / AllocationsPerChunk * AllocationsPerChunk;
        if (budget < MinimumAddresses)
        {
            return new JitWarmUpResult(0, TimeSpan.Zero, Quiet: false) { Skipped = true };
        }

        IAddressAllocatorUnderTest? allocator = null;
        AllocationRequest[] requests = [];
        var used = 0;
        var instances = 0;
        var allocations = 0;
        long compiled;
        try
        {
            do
            {
                var roundStarted = Stopwatch.GetTimestamp();
                compiled = 0;
                while (Stopwatch.GetElapsedTime(roundStarted) < RoundLength)
                {
                    if (allocator is null || used + AllocationsPerChunk > requests.Length)
                    {
                        if (allocator is not null)
                        {
                            await allocator.DisposeAsync();
                        }

                        allocator = create();
                        await allocator.PrepareAsync(plan, ct);
                        requests = AllocationWorkload.Create(plan, budget, seed + instances++);
                        used = 0;
                    }

                    var before = JitInfo.GetCompiledMethodCount();
                    var chunk = await AllocationDriver.RunAsync(allocator, requests[used..(used + AllocationsPerChunk)], concurrency, ct);
                    compiled += JitInfo.GetCompiledMethodCount() - before;
                    used += AllocationsPerChunk;
                    allocations += chunk.Allocated;
                }
            }
            while (compiled > QuietMethods && Stopwatch.GetElapsedTime(started) < limit);
        }
        finally
        {
            if (allocator is not null)
            {
                await allocator.DisposeAsync();
            }
        }

        return new JitWarmUpResult(allocations, Stopwatch.GetElapsedTime(started), compiled <= QuietMethods);
    }

    /// <summary>
    /// Waits, with no allocation running, until the runtime has compiled nothing for half a second, at most five
    /// seconds. The measured instance's own warm-up calls a few methods often enough to be compiled again, and this
    /// keeps that compiling out of the timed phase. Returns the methods compiled meanwhile.
    /// </summary>
    public static async Task<long> SettleAsync(CancellationToken ct)
    {
        var started = Stopwatch.GetTimestamp();
        var first = JitInfo.GetCompiledMethodCount();
        var last = first;
        var quietSince = Stopwatch.GetTimestamp();
        while (Stopwatch.GetElapsedTime(quietSince) < TimeSpan.FromMilliseconds(500) && Stopwatch.GetElapsedTime(started) < TimeSpan.FromSeconds(5))
        {
            await Task.Delay(TimeSpan.FromMilliseconds(100), ct);
            var now = JitInfo.GetCompiledMethodCount();
            if (now != last)
            {
                last = now;
                quietSince = Stopwatch.GetTimestamp();
            }
        }

        return last - first;
    }
}

/// <summary>What <see cref="JitWarmUp"/> did for one allocator.</summary>
/// <param name="Allocations">The warm-up's requests that got an address.</param>
/// <param name="Quiet">Whether the last round compiled at most a few methods; false when the time limit ended it.</param>
public sealed record JitWarmUpResult(int Allocations, TimeSpan Elapsed, bool Quiet)
{
    /// <summary>Whether the subnet was too small for the warm-up, which then did not run.</summary>
    public bool Skipped { get; init; }
}
