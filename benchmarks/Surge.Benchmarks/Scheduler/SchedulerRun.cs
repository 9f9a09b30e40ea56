using System.Diagnostics;
using Surge.Capacity.Scheduling;
using Surge.Benchmarks.Reporting;

namespace Surge.Benchmarks.Scheduler;

/// <summary>
/// The scheduler scenario: build the fleet, measure the model's memory, run inventory queries, then run the same
/// placement requests on the capacity model and on the brute-force scheduler, each on its own copy of the fleet.
/// </summary>
public static class SchedulerRun
{
    /// <summary>Runs the scenario with the options after its name and returns the exit code.</summary>
    public static int Execute(IReadOnlyList<string> args)
    {
        SchedulerSettings settings;
        try
        {
            settings = SchedulerSettings.Parse(args);
        }
        catch (ArgumentException exception)
        {
            Console.Error.WriteLine(exception.Message);
            Console.Error.WriteLine(SchedulerSettings.Usage);
            return 2;
        }

        if (args.Contains("--help"))
        {
            Console.WriteLine(SchedulerSettings.Usage);
            return 0;
        }

        var report = Run(settings, args);
        Console.WriteLine(report);
        if (settings.OutputPath is not null)
        {
            File.WriteAllText(settings.OutputPath, report);
        }

        return 0;
    }

    private static string Run(SchedulerSettings settings, IReadOnlyList<string> args)
    {
        var started = Stopwatch.GetTimestamp();
        var report = new SchedulerReport(settings, args, Machine.LoadAverage());

        // 1. The fleet, filled by the model itself, and both schedulers' copies of it, with the model's memory.
        var fleet = FleetBlueprint.Create(settings);
        var (model, modelEngine, bruteForce, running) = Build(settings, fleet, report);

        // 2. Inventory, on the fleet as filled.
        Progress($"inventory: {settings.InventoryQueries} queries with a service and {settings.InventoryQueries} without, on each scheduler");
        var withService = InventoryQueries.Create(fleet.Services, settings.InventoryQueries, withService: true, settings.Seed + 3);
        var withoutService = InventoryQueries.Create(fleet.Services, settings.InventoryQueries, withService: false, settings.Seed + 4);
        report.Inventory(
        [
            (InventoryLoop.Run(modelEngine, "with a service", withService), InventoryLoop.Run(bruteForce, "with a service", withService)),
            (InventoryLoop.Run(modelEngine, "without a service", withoutService), InventoryLoop.Run(bruteForce, "without a service", withoutService)),
        ]);

        report.StrategyProbe(StrategyProbe.Run(model, fleet));

        // 3. Placement: the same requests on each scheduler, each on its own copy of the fleet.
        Progress($"placement on the capacity model: {settings.WarmupRequests} warm-up and {settings.Requests} measured requests");
        var modelRun = PlacementLoop.Run(
            modelEngine,
            new Workload(fleet.Services, running, running.Count, settings.Seed),
            settings.WarmupRequests,
            settings.Requests,
            settings.BaselineRequests,
            done => Progress($"  {done}/{settings.Requests} requests"));
        Progress($"placement on the brute-force scheduler: {settings.WarmupRequests} warm-up and {settings.BaselineRequests} measured requests");
        var baselineRun = PlacementLoop.Run(
            bruteForce,
            new Workload(fleet.Services, running, running.Count, settings.Seed),
            settings.WarmupRequests,
            settings.BaselineRequests,
            settings.BaselineRequests,
            done => Progress($"  {done}/{settings.BaselineRequests} requests"));
        report.Placement(modelRun, baselineRun, model.ReservationCount);

        report.Goals();
        report.Finish(Stopwatch.GetElapsedTime(started), Process.GetCurrentProcess().PeakWorkingSet64 / 1024.0 / 1024.0);
        return report.ToString();
    }

    private static (CapacityModel Model, ModelEngine ModelEngine, BruteForceEngine BruteForce, List<Guid> Running) Build(
        SchedulerSettings settings, FleetBlueprint fleet, SchedulerReport report)
    {
        Progress($"initial fill: {settings.Instances} instances on {fleet.Nodes.Count} nodes");
        var filled = InitialFill.Run(fleet, settings.Seed);
        report.Fleet(fleet, filled);

        // The events stay referenced, so only the model is between the first two memory measurements.
        var empty = MemoryUse.Now();
        var replayStarted = Stopwatch.GetTimestamp();
        var model = new CapacityModel();
        filled.Log.Replay(model);
        var replay = Stopwatch.GetElapsedTime(replayStarted);
        var withModel = MemoryUse.Now();
        var documents = BruteForceFleet.FromLog(filled.Log);
        var withDocuments = MemoryUse.Now();
        report.Memory(empty, withModel, withDocuments, replay, filled.Log.Events.Count);

        var modelEngine = new ModelEngine(model, fleet.Providers);
        modelEngine.Track(filled.Log);
        var bruteForce = new BruteForceEngine(documents);
        bruteForce.Track();
        return (model, modelEngine, bruteForce, filled.Instances);
    }

    private static void Progress(string message) => Console.Error.WriteLine($"[{DateTime.Now:HH:mm:ss}] {message}");
}
