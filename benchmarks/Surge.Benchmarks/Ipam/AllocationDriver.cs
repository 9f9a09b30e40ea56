using System.Diagnostics;

namespace Surge.Benchmarks.Ipam;

/// <summary>Runs allocation requests on one allocator from a fixed number of concurrent callers.</summary>
public static class AllocationDriver
{
    /// <summary>
    /// Calls <see cref="IAddressAllocatorUnderTest.AllocateAsync"/> once per request from <paramref name="concurrency"/>
    /// callers, each taking the next request as soon as its call returns, and times every call. A call that throws is
    /// counted as failed and the run goes on.
    /// </summary>
    public static async Task<AllocationPhase> RunAsync(
        IAddressAllocatorUnderTest allocator, IReadOnlyList<AllocationRequest> requests, int concurrency, CancellationToken ct)
    {
        var addresses = new string?[requests.Count];
        var latencies = new double[requests.Count];
        var failed = new bool[requests.Count];
        Exception? firstFailure = null;
        var next = -1;

        async Task CallAsync()
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < requests.Count)
            {
                var request = requests[i];
                var started = Stopwatch.GetTimestamp();
                try
                {
                    addresses[i] = await allocator.AllocateAsync(request.InstanceId, request.Node, ct);
                }
                catch (Exception exception) when (!ct.IsCancellationRequested)
                {
                    failed[i] = true;
                    Interlocked.CompareExchange(ref firstFailure, exception, null);
                }

                latencies[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            }
        }

        var phaseStarted = Stopwatch.GetTimestamp();
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(_ => Task.Run(CallAsync, ct)));
        var elapsed = Stopwatch.GetElapsedTime(phaseStarted);
        return new AllocationPhase(requests, addresses, latencies, failed, firstFailure, elapsed);
    }
}
