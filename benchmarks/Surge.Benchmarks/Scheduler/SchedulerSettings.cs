namespace Surge.Benchmarks.Scheduler;

/// <summary>The scheduler scenario's inputs, from command-line options.</summary>
public sealed record SchedulerSettings
{
    /// <summary>The first argument that selects this scenario.</summary>
    public const string Scenario = "scheduler";

    /// <summary>The usage text printed for <c>--help</c> and for an invalid option.</summary>
    public const string Usage = """
        surge-bench scheduler: placements per second and inventory latency of Capacity's in-memory capacity model
        (services/Capacity/Scheduling) on a generated fleet, next to a brute-force scheduler that scans every node's
        reservation list for each request. Runs in this process; needs no database or broker.

        Options:
          --pools N                pools, each with one subnet (default 50)
          --nodes-per-pool N       nodes per pool, spread over 3 zones (default 100)
          --services N             services, spread over the pools (default 200)
          --instances N            running instances placed before measuring and kept near this count (default 50000)
          --warmup N               placement requests run on each scheduler before measuring (default 500)
          --requests N             measured placement requests on the capacity model (default 20000)
          --baseline-requests N    measured placement requests on the brute-force scheduler, the first N of the
                                   model's requests (default 2000)
          --inventory-queries N    inventory queries of each kind, with and without a service (default 300)
          --seed N                 seed of the fleet, the requests and the queries (default 20261205)
          --output FILE            also write the results as Markdown to FILE
        """;

    /// <summary>Pools in the fleet.</summary>
    public int Pools { get; init; } = 50;

    /// <summary>Nodes in each pool.</summary>
    public int NodesPerPool { get; init; } = 100;

    /// <summary>Services in the fleet.</summary>
    public int Services { get; init; } = 200;

    /// <summary>Instances running before the measurement; releases keep the fleet near this count.</summary>
    public int Instances { get; init; } = 50_000;

    /// <summary>Placement requests each scheduler runs before measuring, left out of the results.</summary>
    public int WarmupRequests { get; init; } = 500;

    /// <summary>Measured placement requests on the capacity model.</summary>
    public int Requests { get; init; } = 20_000;

    /// <summary>Measured placement requests on the brute-force scheduler.</summary>
    public int BaselineRequests { get; init; } = 2_000;

    /// <summary>Inventory queries of each kind.</summary>
    public int InventoryQueries { get; init; } = 300;

    /// <summary>The seed of every random choice.</summary>
    public int Seed { get; init; } = 20261205;

    /// <summary>The file the Markdown results are written to, if any.</summary>
    public string? OutputPath { get; init; }

    /// <summary>Parses the options after the scenario name; throws <see cref="ArgumentException"/> naming the invalid option.</summary>
    public static SchedulerSettings Parse(IReadOnlyList<string> args)
    {
        var settings = new SchedulerSettings();
        for (var i = 0; i < args.Count; i++)
        {
            settings = args[i] switch
            {
                "--pools" => settings with { Pools = BenchmarkSettings.Positive(args, ref i) },
                "--nodes-per-pool" => settings with { NodesPerPool = BenchmarkSettings.Positive(args, ref i) },
                "--services" => settings with { Services = BenchmarkSettings.Positive(args, ref i) },
                "--instances" => settings with { Instances = BenchmarkSettings.NonNegative(args, ref i) },
                "--warmup" => settings with { WarmupRequests = BenchmarkSettings.NonNegative(args, ref i) },
                "--requests" => settings with { Requests = BenchmarkSettings.Positive(args, ref i) },
                "--baseline-requests" => settings with { BaselineRequests = BenchmarkSettings.Positive(args, ref i) },
                "--inventory-queries" => settings with { InventoryQueries = BenchmarkSettings.Positive(args, ref i) },
                "--seed" => settings with { Seed = BenchmarkSettings.NonNegative(args, ref i) },
                "--output" => settings with { OutputPath = BenchmarkSettings.Value(args, ref i) },
                "--help" => settings,
                _ => throw new ArgumentException($"Unknown option '{args[i]}' for the scheduler scenario."),
            };
        }

        if (settings.BaselineRequests > settings.Requests)
        {
            throw new ArgumentException(
                $"--baseline-requests is {settings.BaselineRequests}, more than --requests ({settings.Requests}); the baseline runs the first of the model's requests, so give at most {settings.Requests}.");
        }

        return settings;
    }
}
