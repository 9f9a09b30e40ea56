using System.Diagnostics;

namespace Surge.Benchmarks.Scheduler;

/// <summary>The counts one scheduler returned for a list of inventory queries, and how long each took.</summary>
/// <param name="Latencies">Milliseconds per query.</param>
public sealed record InventoryRun(string Engine, string Kind, long[] Answers, double[] Latencies);

/// <summary>Runs every inventory query on one scheduler and times each.</summary>
public static class InventoryLoop
{
    private const int Warmup = 20;

    /// <summary>Runs the first queries unmeasured to warm up, then every query measured.</summary>
    public static InventoryRun Run(IPlacementEngine engine, string kind, IReadOnlyList<InventoryQuery> queries)
    {
        foreach (var query in queries.Take(Warmup))
        {
            engine.Inventory(query);
        }

        var answers = new long[queries.Count];
        var latencies = new double[queries.Count];
        for (var q = 0; q < queries.Count; q++)
        {
            var before = Stopwatch.GetTimestamp();
            answers[q] = engine.Inventory(queries[q]);
            latencies[q] = Stopwatch.GetElapsedTime(before).TotalMilliseconds;
        }

        return new InventoryRun(engine.Name, kind, answers, latencies);
    }
}
