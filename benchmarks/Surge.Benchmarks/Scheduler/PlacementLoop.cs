using System.Diagnostics;

namespace Surge.Benchmarks.Scheduler;

/// <summary>What one scheduler did over the measured requests.</summary>
/// <param name="Latencies">Milliseconds of Place plus recording the reservations, one per request.</param>
/// <param name="Elapsed">Wall time of every measured request with its commits and releases.</param>
/// <param name="ElapsedAtCheckpoint">Wall time of the first <c>checkpoint</c> measured requests.</param>
/// <param name="Choices">The nodes chosen for each of the first <c>checkpoint</c> measured requests; null where refused.</param>
public sealed record PlacementRun(
    string Engine,
    int Requests,
    int Instances,
    int Refused,
    int Released,
    double[] Latencies,
    TimeSpan Elapsed,
    TimeSpan ElapsedAtCheckpoint,
    List<IReadOnlyList<string>?> Choices)
{
    /// <summary>Requests per second over the whole measured loop.</summary>
    public double RequestsPerSecond => Requests / Elapsed.TotalSeconds;

    /// <summary>Instances placed per second over the whole measured loop.</summary>
    public double InstancesPerSecond => Instances / Elapsed.TotalSeconds;
}

/// <summary>
/// Runs the workload on one scheduler: each request is placed and its reservations recorded (timed on its own), then
/// committed, then random instances are released to keep the fleet at its size. All three are inside the wall time.
/// </summary>
public static class PlacementLoop
{
    /// <summary>Runs <paramref name="warmup"/> requests unmeasured, then <paramref name="measured"/> measured ones.</summary>
    public static PlacementRun Run(IPlacementEngine engine, Workload workload, int warmup, int measured, int checkpoint, Action<int> progress)
    {
        for (var w = 0; w < warmup; w++)
        {
            Step(engine, workload, out _, out _);
        }

        GC.Collect();
        GC.WaitForPendingFinalizers();
        var latencies = new double[measured];
        var choices = new List<IReadOnlyList<string>?>(checkpoint);
        var (instances, refused, released) = (0, 0, 0);
        var atCheckpoint = TimeSpan.Zero;
        var started = Stopwatch.GetTimestamp();
        for (var i = 0; i < measured; i++)
        {
            var nodes = Step(engine, workload, out latencies[i], out var releasedNow);
            released += releasedNow;
            if (nodes is null)
            {
                refused++;
            }
            else
            {
                instances += nodes.Count;
            }

            if (i < checkpoint)
            {
                choices.Add(nodes);
            }

            if (i + 1 == checkpoint)
            {
                atCheckpoint = Stopwatch.GetElapsedTime(started);
            }

            if ((i + 1) % 5_000 == 0)
            {
                progress(i + 1);
            }
        }

        var elapsed = Stopwatch.GetElapsedTime(started);
        return new PlacementRun(engine.Name, measured, instances, refused, released, latencies, elapsed, atCheckpoint, choices);
    }

    private static IReadOnlyList<string>? Step(IPlacementEngine engine, Workload workload, out double milliseconds, out int released)
    {
        var request = workload.Next();
        var before = Stopwatch.GetTimestamp();
        var nodes = engine.PlaceAndReserve(request);
        milliseconds = Stopwatch.GetElapsedTime(before).TotalMilliseconds;
        released = 0;
        if (nodes is null)
        {
            return null;
        }

        foreach (var id in request.InstanceIds)
        {
            engine.Commit(id, request.At);
        }

        workload.Placed(request.InstanceIds);
        foreach (var id in workload.ReleasesDue())
        {
            engine.Release(id, request.At);
            released++;
        }

        return nodes;
    }
}
