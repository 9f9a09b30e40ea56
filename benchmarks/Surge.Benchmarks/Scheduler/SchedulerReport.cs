using System.Globalization;
using System.Text;
using Surge.Benchmarks.Measurement;
using Surge.Benchmarks.Reporting;
using Surge.Capacity.Scheduling;
using Surge.Capacity.ServiceCatalog;

namespace Surge.Benchmarks.Scheduler;

/// <summary>Writes the scheduler scenario's results as Markdown, with the goals beside the measured numbers.</summary>
public sealed class SchedulerReport
{
    private const double PlacementsGoal = 2_000;
    private const double SpeedUpGoal = 10;
    private const double InventoryP99GoalMs = 10;

    private readonly StringBuilder text = new();
    private readonly List<(string Goal, string Measured, bool Met)> goals = [];

    /// <summary>Writes the date, the machine, the load before the run and the command.</summary>
    public SchedulerReport(SchedulerSettings settings, IReadOnlyList<string> args, string loadBefore)
    {
        Line($"# surge-bench scheduler results, {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC");
        Line();
        Line($"- Machine: {Environment.ProcessorCount} logical CPUs, {Machine.CpuModel()}, {Machine.MemoryGiB():F1} GiB memory, load average before the run {loadBefore}");
        Line($"- Command: `surge-bench {string.Join(' ', [SchedulerSettings.Scenario, .. args])}`");
        Line($"- Requests: {settings.WarmupRequests} warm-up on each scheduler, then {settings.Requests} measured on the model and the first {settings.BaselineRequests} of them on the brute-force scheduler; seed {settings.Seed}");
        Line();
    }

    /// <summary>The Markdown written so far.</summary>
    public override string ToString() => text.ToString();

    /// <summary>Writes what the fleet contains and how long the initial fill took.</summary>
    public void Fleet(FleetBlueprint fleet, FilledFleet filled)
    {
        var shapes = fleet.Services.Select(service => service.Spec.Shape!).ToList();
        Line("## Fleet");
        Line();
        Line($"- {fleet.Pools.Count} pools, {fleet.Pools.Count(pool => pool.Spec.LendsIdleCapacity)} of them lending; {fleet.Nodes.Count} nodes in {FleetBlueprint.Zones.Count} zones, racks of 10; one subnet of {fleet.Subnets[0].UsableAddresses} addresses per pool.");
        Line($"- Nodes: {fleet.Nodes.Count(node => node.Spec.CpuMillicores == 32_000)} of 32000 millicores, 131072 MiB, 1000 GiB disk, 16384 MiB swap and {fleet.Nodes.Count(node => node.Spec.CpuMillicores == 64_000)} of twice that; {fleet.Nodes.Count(node => node.Spec.Labels![FleetBlueprint.DiskLabel] == "ssd")} labelled disk=ssd, {fleet.Nodes.Count(node => node.Spec.Taints is not null)} tainted, {fleet.Nodes.Count(node => !node.Spec.AcceptsInstances)} closed.");
        Line($"- {fleet.Services.Count} services: {shapes.Count(shape => shape.MaxPerNode is not null)} with maxPerNode, {shapes.Count(shape => shape.MaxPerZone is not null)} with maxPerZone, {shapes.Count(shape => shape.RequiredLabels is not null)} requiring labels, {shapes.Count(shape => shape.Tolerations is not null)} tolerating the taint, {fleet.Services.Count(service => service.Spec.Strategy == PlacementStrategy.Pack)} packing; shapes from 250 to 4000 millicores.");
        Line($"- Initial fill by the capacity model: {filled.Instances.Count} instances placed and committed, {filled.Unplaced} planned instances did not fit, {filled.Log.Events.Count} events, {filled.Elapsed.TotalSeconds:F1} s.");
        Line();
    }

    /// <summary>Writes the managed heap and working set before and after building the model and the brute-force documents.</summary>
    public void Memory(MemoryUse empty, MemoryUse withModel, MemoryUse withDocuments, TimeSpan replay, int events)
    {
        Line("## Memory, MiB");
        Line();
        Line("The managed heap is `GC.GetTotalMemory(true)`; the fleet's events stay referenced through all three measurements.");
        Line();
        Line("| measurement | managed heap | working set |");
        Line("| --- | ---: | ---: |");
        Line($"| before the model | {empty.HeapMiB:F1} | {empty.WorkingSetMiB:F1} |");
        Line($"| after the model applied all events | {withModel.HeapMiB:F1} | {withModel.WorkingSetMiB:F1} |");
        Line($"| after the brute-force node views were built too | {withDocuments.HeapMiB:F1} | {withDocuments.WorkingSetMiB:F1} |");
        Line($"| **the model** (difference) | **{withModel.HeapMiB - empty.HeapMiB:F1}** | {withModel.WorkingSetMiB - empty.WorkingSetMiB:F1} |");
        Line($"| the node views (difference) | {withDocuments.HeapMiB - withModel.HeapMiB:F1} | {withDocuments.WorkingSetMiB - withModel.WorkingSetMiB:F1} |");
        Line();
        Line($"Applying the {events} events to an empty model took {replay.TotalSeconds:F2} s ({events / replay.TotalSeconds:F0} events/s).");
        Line();
    }

    /// <summary>Writes inventory latencies of both schedulers and how often their counts agree.</summary>
    public void Inventory(IReadOnlyList<(InventoryRun Model, InventoryRun Baseline)> runs)
    {
        Line("## Inventory, ms per query");
        Line();
        Line($"| queries | count | model p50 | model p99 | model max | model queries over {InventoryP99GoalMs} ms | brute force p50 | brute force p99 | p50 speed-up | same count as the model |");
        Line("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (var (model, baseline) in runs)
        {
            var (m50, m99) = (Percentiles.Of(model.Latencies, 50), Percentiles.Of(model.Latencies, 99));
            var (b50, b99) = (Percentiles.Of(baseline.Latencies, 50), Percentiles.Of(baseline.Latencies, 99));
            var same = model.Answers.Zip(baseline.Answers).Count(pair => pair.First == pair.Second);
            Line($"| {model.Kind} | {model.Latencies.Length} | {m50:F3} | {m99:F3} | {model.Latencies.Max():F3} | {model.Latencies.Count(ms => ms >= InventoryP99GoalMs)} | {b50:F3} | {b99:F3} | {b50 / m50:F1} | {same} of {model.Answers.Length} |");
            goals.Add(($"inventory p99 < {InventoryP99GoalMs} ms, {model.Kind}", $"{m99:F3} ms", m99 < InventoryP99GoalMs));
        }

        Line();
        Line("The brute-force count caps totals per tier by maxPerZone, the lending limit and free addresses instead of placing one by one, so it can differ where several of those bind at once.");
        Line();
    }

    /// <summary>Writes the fixed queries run with both strategies, with the time per counted instance.</summary>
    public void StrategyProbe(IReadOnlyList<StrategyProbeRow> rows)
    {
        Line("## Inventory, spread against pack");
        Line();
        Line("Fixed shapes (memory twice the CPU in MiB) counted by the capacity model once with each strategy; both count the same instances.");
        Line();
        Line("| millicores | service | fits | limit | spread ms | pack ms | spread µs per instance | pack µs per instance |");
        Line("| ---: | --- | ---: | --- | ---: | ---: | ---: | ---: |");
        foreach (var row in rows)
        {
            var per = Math.Max(1, row.Fits) / 1_000.0;
            Line($"| {row.CpuMillicores} | {row.Service ?? "none"} | {row.Fits} | {CapacityModel.Describe(row.Limit)} | {row.SpreadMs:F2} | {row.PackMs:F2} | {row.SpreadMs / per:F2} | {row.PackMs / per:F2} |");
        }

        Line();
    }

    /// <summary>Writes placement rates and latencies, the speed-up on the same requests, and how often both chose the same nodes.</summary>
    public void Placement(PlacementRun model, PlacementRun baseline, int reservationsAfter)
    {
        var checkpoint = baseline.Requests;
        var modelFirst = model.Latencies.Take(checkpoint).ToArray();
        var modelFirstRate = checkpoint / model.ElapsedAtCheckpoint.TotalSeconds;
        Line("## Placement");
        Line();
        Line("Latency is one `Place` plus recording its reservations as events. The rates divide the requests by the wall time of the whole loop, which also commits each reservation and releases random instances to keep the fleet's size.");
        Line();
        Line("| scheduler | requests | instances placed | refused | released | wall s | requests/s | instances/s | p50 ms | p99 ms | max ms |");
        Line("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        Row(model.Engine, model, model.Latencies, model.RequestsPerSecond, model.Elapsed);
        Row($"{model.Engine}, first {checkpoint}", null, modelFirst, modelFirstRate, model.ElapsedAtCheckpoint);
        Row(baseline.Engine, baseline, baseline.Latencies, baseline.RequestsPerSecond, baseline.Elapsed);
        Line();

        var speedUp = modelFirstRate / baseline.RequestsPerSecond;
        var same = model.Choices.Zip(baseline.Choices).Count(pair => pair.First is null ? pair.Second is null : pair.Second is not null && pair.First.SequenceEqual(pair.Second));
        Line($"- Speed-up on the same {checkpoint} requests: **{speedUp:F1}x** in requests/s, {Percentiles.Of(baseline.Latencies, 50) / Percentiles.Of(modelFirst, 50):F1}x at p50, {Percentiles.Of(baseline.Latencies, 99) / Percentiles.Of(modelFirst, 99):F1}x at p99.");
        Line($"- Both schedulers chose the same nodes, in the same order, for {same} of those {checkpoint} requests.");
        Line($"- The model held {reservationsAfter} reservations at the end.");
        Line();
        goals.Add(($">= {PlacementsGoal:F0} placement requests/s", $"{model.RequestsPerSecond:F0} requests/s ({model.InstancesPerSecond:F0} instances/s)", model.RequestsPerSecond >= PlacementsGoal));
        goals.Add(($">= {SpeedUpGoal:F0}x the brute-force baseline", $"{speedUp:F1}x", speedUp >= SpeedUpGoal));
    }

    /// <summary>Writes each goal beside the measured number.</summary>
    public void Goals()
    {
        Line("## Goals");
        Line();
        Line("| goal | measured | met |");
        Line("| --- | --- | --- |");
        foreach (var (goal, measured, met) in goals)
        {
            Line($"| {goal} | {measured} | {(met ? "yes" : "no")} |");
        }

        Line();
    }

    /// <summary>Writes the run's wall time and peak working set.</summary>
    public void Finish(TimeSpan elapsed, double peakWorkingSetMiB)
    {
        Line($"The whole run took {elapsed.TotalSeconds:F1} s; the process's peak working set was {peakWorkingSetMiB:F0} MiB. Load average at the end: {Machine.LoadAverage()}.");
    }

    private void Row(string name, PlacementRun? run, double[] latencies, double rate, TimeSpan elapsed)
    {
        var counts = run is null ? "| | | |" : $"| {run.Instances} | {run.Refused} | {run.Released} |";
        Line($"| {name} | {latencies.Length} {counts} {elapsed.TotalSeconds:F2} | {rate:F0} | {(run is null ? "" : run.InstancesPerSecond.ToString("F0", CultureInfo.InvariantCulture))} | {Percentiles.Of(latencies, 50):F3} | {Percentiles.Of(latencies, 99):F3} | {latencies.Max():F3} |");
    }

    private void Line(string line = "") => text.AppendLine(line);
}
