using System.Globalization;

namespace Surge.Benchmarks.Rollouts;

/// <summary>The rollout scenario's inputs, from command-line options and the saga benchmark's environment variables.</summary>
public sealed record RolloutSettings
{
    /// <summary>The first argument that selects this scenario.</summary>
    public const string Scenario = "rollout";

    /// <summary>The usage text printed for <c>--help</c> and for an invalid option.</summary>
    public const string Usage = """
        surge-bench rollout: moves one service's instances to a new image with each strategy in turn, in one run against
        the real services, PostgreSQL and RabbitMQ, with the simulated data centre's reference latencies shortened by one
        time scale: in-place, drained-in-place and recreate through the Rollout service. Recreate starts each batch's new
        instances with a Capacity scale-out saga and removes the old ones with a scale-in saga of exactly those.
        For each strategy it reports the wall time, the backends added, removed and reweighted at the load balancer,
        and the requests through the data plane that failed meanwhile.

        Build the services first: dotnet build Surge.slnx -c Release

        Options:
          --instances N         instances of the service, started once before the strategies run (default 100)
          --batch-size N        instances per batch of both in-place strategies (default 10)
          --time-scale X        factor on the reference latencies: 3 minutes to start or update an instance,
                                5 seconds to stop one; greater than 0, at most 1 (default 0.02)
          --traffic N           callers sending requests through the data plane while each strategy runs,
                                each one request at a time; 0 sends none (default 2)
          --configuration NAME  build configuration of the services to run (default Release)
          --output FILE         also write the results as Markdown to FILE
          --keep-logs           keep the services' log folder after the run (it is printed either way)

        Environment: SURGE_BENCH_POSTGRES, SURGE_BENCH_RABBITMQ and SURGE_BENCH_RABBITMQCTL as for the saga benchmark
        (surge-bench --help).
        """;

    /// <summary>Instances of the service each strategy moves to a new image.</summary>
    public int Instances { get; init; } = 100;

    /// <summary>Instances per batch of the in-place strategies.</summary>
    public int BatchSize { get; init; } = 10;

    /// <summary>The simulated data centre's factor on its reference latencies.</summary>
    public double TimeScale { get; init; } = 0.02;

    /// <summary>Callers sending requests through the data plane while each strategy runs.</summary>
    public int TrafficCallers { get; init; } = 2;

    /// <summary>The build configuration whose service outputs are started.</summary>
    public string Configuration { get; init; } = "Release";

    /// <summary>The file the Markdown results are written to, if any.</summary>
    public string? OutputPath { get; init; }

    /// <summary>Whether the services' log folder is kept after the run.</summary>
    public bool KeepLogs { get; init; }

    /// <summary>The cluster settings: the saga benchmark's connections, with the chosen time scale.</summary>
    public BenchmarkSettings Cluster => new() { Configuration = Configuration, KeepLogs = KeepLogs, SimulatedTimeScale = TimeScale };

    /// <summary>Parses the command line; throws <see cref="ArgumentException"/> naming the invalid option.</summary>
    public static RolloutSettings Parse(IReadOnlyList<string> args)
    {
        var settings = new RolloutSettings();
        for (var i = 0; i < args.Count; i++)
        {
            settings = args[i] switch
            {
                "--instances" => settings with { Instances = BenchmarkSettings.Positive(args, ref i) },
                "--batch-size" => settings with { BatchSize = BenchmarkSettings.Positive(args, ref i) },
                "--time-scale" => settings with { TimeScale = Scale(args, ref i) },
                "--traffic" => settings with { TrafficCallers = BenchmarkSettings.NonNegative(args, ref i) },
                "--configuration" => settings with { Configuration = BenchmarkSettings.Value(args, ref i) },
                "--output" => settings with { OutputPath = BenchmarkSettings.Value(args, ref i) },
                "--keep-logs" => settings with { KeepLogs = true },
                "--help" => settings,
                _ => throw new ArgumentException($"Unknown option '{args[i]}'."),
            };
        }

        // The setup starts the instances with one scale-out saga, which takes at most 1000.
        if (settings.Instances > 1000)
        {
            throw new ArgumentException($"Option --instances is {settings.Instances}; give 1000 or fewer, the most one scale-out saga starts.");
        }

        return settings;
    }

    private static double Scale(IReadOnlyList<string> args, ref int i)
    {
        var option = args[i];
        var value = BenchmarkSettings.Value(args, ref i);
        return double.TryParse(value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var scale) && scale > 0 && scale <= 1
            ? scale
            : throw new ArgumentException($"Option {option} is '{value}'; give a number greater than 0 and at most 1, such as 0.02.");
    }
}
