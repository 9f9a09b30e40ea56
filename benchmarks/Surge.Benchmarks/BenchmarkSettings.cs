using System.Globalization;

namespace Surge.Benchmarks;

/// <summary>The benchmark's inputs, from command-line options and environment variables.</summary>
public sealed record BenchmarkSettings
{
    /// <summary>The usage text printed for <c>--help</c> and for an invalid option.</summary>
    public const string Usage = """
        surge-bench: scale-out sagas per second and orchestration overhead per saga step, against the real services,
        PostgreSQL and RabbitMQ, next to a raw Npgsql and RabbitMQ.Client loop doing the same commits and publishes.

        Build the services first: dotnet build Surge.slnx -c Release
        The scheduler scenario runs in this process alone: surge-bench scheduler --help
        The rollout scenario compares update strategies against the services: surge-bench rollout --help

        Options:
          --sagas N             sagas in the throughput phase (default 500)
          --concurrency N       sagas in flight at once in the throughput phase (default 32)
          --latency-sagas N     sagas run one at a time to measure step latency without queueing (default 50)
          --warmup N            sagas run before any measurement and left out of the results (default 30)
          --instances N         instances each saga adds (default 1)
          --configuration NAME  build configuration of the services to run (default Release)
          --output FILE         also write the results as Markdown to FILE
          --keep-logs           keep the services' log folder after the run (it is printed either way)

        Environment:
          SURGE_BENCH_POSTGRES    admin connection string (default Host=127.0.0.1;Port=55432;Username=postgres;Database=postgres)
          SURGE_BENCH_RABBITMQ    broker URI (default amqp://guest:guest@127.0.0.1:56720/)
          SURGE_BENCH_RABBITMQCTL rabbitmqctl used to create and delete the run's virtual host
                                  (default <repository>/.surge/bin/rabbitmqctl)
        """;

    /// <summary>Sagas in the throughput phase.</summary>
    public int Sagas { get; init; } = 500;

    /// <summary>Sagas in flight at once in the throughput phase.</summary>
    public int Concurrency { get; init; } = 32;

    /// <summary>Sagas run one at a time in the latency phase.</summary>
    public int LatencySagas { get; init; } = 50;

    /// <summary>Sagas run before measuring, to warm up the JIT, connection pools and caches.</summary>
    public int WarmupSagas { get; init; } = 30;

    /// <summary>Instances each saga adds.</summary>
    public int InstancesPerSaga { get; init; } = 1;

    /// <summary>The build configuration whose service outputs are started.</summary>
    public string Configuration { get; init; } = "Release";

    /// <summary>The file the Markdown results are written to, if any.</summary>
    public string? OutputPath { get; init; }

    /// <summary>Whether the services' log folder is kept after the run.</summary>
    public bool KeepLogs { get; init; }

    /// <summary>
    /// The simulated data centre's factor on its reference latencies. Null means starts take no simulated time, so the
    /// saga scenario's step times are orchestration alone.
    /// </summary>
    public double? SimulatedTimeScale { get; init; }

    /// <summary>The PostgreSQL admin connection string; the run creates and drops its own database through it.</summary>
    public string PostgresAdmin { get; init; } =
        Environment.GetEnvironmentVariable("SURGE_BENCH_POSTGRES") ?? "Host=127.0.0.1;Port=55432;Username=postgres;Database=postgres";

    /// <summary>The RabbitMQ URI; the run uses its own virtual host on this broker.</summary>
    public string RabbitMq { get; init; } = Environment.GetEnvironmentVariable("SURGE_BENCH_RABBITMQ") ?? "amqp://guest:guest@127.0.0.1:56720/";

    /// <summary>The rabbitmqctl that creates and deletes the run's virtual host; null means the repository's own.</summary>
    public string? RabbitMqControl { get; init; } = Environment.GetEnvironmentVariable("SURGE_BENCH_RABBITMQCTL");

    /// <summary>Parses the command line; throws <see cref="ArgumentException"/> naming the invalid option.</summary>
    public static BenchmarkSettings Parse(IReadOnlyList<string> args)
    {
        var settings = new BenchmarkSettings();
        for (var i = 0; i < args.Count; i++)
        {
            settings = args[i] switch
            {
                "--sagas" => settings with { Sagas = Positive(args, ref i) },
                "--concurrency" => settings with { Concurrency = Positive(args, ref i) },
                "--latency-sagas" => settings with { LatencySagas = Positive(args, ref i) },
                "--warmup" => settings with { WarmupSagas = NonNegative(args, ref i) },
                "--instances" => settings with { InstancesPerSaga = Positive(args, ref i) },
                "--configuration" => settings with { Configuration = Value(args, ref i) },
                "--output" => settings with { OutputPath = Value(args, ref i) },
                "--keep-logs" => settings with { KeepLogs = true },
                _ => throw new ArgumentException($"Unknown option '{args[i]}'."),
            };
        }

        var listeners = (settings.WarmupSagas + settings.LatencySagas + settings.Sagas) * settings.InstancesPerSaga;
        if (listeners > 5000)
        {
            throw new ArgumentException(
                $"The run would start {listeners} instances, each a real HTTP listener; keep (warmup + latency-sagas + sagas) x instances at 5000 or less.");
        }

        return settings;
    }

    /// <summary>Returns the value after option <c>args[i]</c> and moves past it.</summary>
    internal static string Value(IReadOnlyList<string> args, ref int i)
    {
        var option = args[i];

        // An option where the value should be means the value was left out, not that the option is the value.
        return ++i < args.Count && !args[i].StartsWith("--", StringComparison.Ordinal)
            ? args[i]
            : throw new ArgumentException($"Option {option} needs a value.");
    }

    /// <summary>Returns the whole number above 0 after option <c>args[i]</c> and moves past it.</summary>
    internal static int Positive(IReadOnlyList<string> args, ref int i)
    {
        var option = args[i];
        var value = Value(args, ref i);
        return int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number > 0
            ? number
            : throw new ArgumentException($"Option {option} is '{value}'; give a whole number from 1 to {int.MaxValue}.");
    }

    /// <summary>Returns the whole number, 0 or more, after option <c>args[i]</c> and moves past it.</summary>
    internal static int NonNegative(IReadOnlyList<string> args, ref int i)
    {
        var option = args[i];
        var value = Value(args, ref i);
        return int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number)
            ? number
            : throw new ArgumentException($"Option {option} is '{value}'; give a whole number from 0 to {int.MaxValue}.");
    }
}
