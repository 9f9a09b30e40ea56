using System.Collections.Concurrent;

namespace Surge.LoadBalancer.DataPlane;

/// <summary>
/// Counts, per backend, the requests this process's data plane sent and those that failed, since the process started.
/// A measurement reads the counters at its start and at its end and takes the difference.
/// </summary>
/// <remarks>NOTE: each replica counts only the requests it forwarded itself.</remarks>
public sealed class BackendTraffic
{
    private readonly ConcurrentDictionary<(string Service, Guid InstanceId), Counters> counters = new();

    /// <summary>Identifies this run of the process: counters read in another run started again from 0.</summary>
    public Guid RunId { get; } = Guid.NewGuid();

    /// <summary>Counts one request sent to the backend, and whether it failed.</summary>
    public void Record(string service, Guid instanceId, bool failed)
    {
        var entry = counters.GetOrAdd((service, instanceId), _ => new Counters());
        Interlocked.Increment(ref entry.Requests);
        if (failed)
        {
            Interlocked.Increment(ref entry.Failed);
        }
    }

    /// <summary>Returns the sum of the backends' counters. A backend that got no request counts 0.</summary>
    public TrafficCount Read(string service, IEnumerable<Guid> instanceIds)
    {
        long requests = 0;
        long failed = 0;
        foreach (var instanceId in instanceIds.Distinct())
        {
            if (counters.TryGetValue((service, instanceId), out var entry))
            {
                requests += Interlocked.Read(ref entry.Requests);
                failed += Interlocked.Read(ref entry.Failed);
            }
        }

        return new TrafficCount(requests, failed);
    }

    private sealed class Counters
    {
        public long Requests;
        public long Failed;
    }
}
