namespace Surge.Benchmarks.AlarmStorm;

/// <summary>The alarm storm scenario's inputs, from command-line options and the saga benchmark's environment variables.</summary>
public sealed record AlarmStormSettings
{
    /// <summary>The first argument that selects this scenario.</summary>
    public const string Scenario = "alarm-storm";

    /// <summary>The usage text printed for <c>--help</c> and for an invalid option.</summary>
    public const string Usage = """
        surge-bench alarm-storm: sends a storm of Alertmanager notifications through the gateway's webhook, against
        the real services, PostgreSQL and RabbitMQ. The notifications are spread evenly over the storm's duration and
        across the services; most of them repeat an incident that an earlier one already sent, as Alertmanager's repeat
        interval, retries and high-availability pairs do. It reports, per incident, the time from the first
        notification that carried it to the start of its scale-out saga (the saga's ScaleOutRequested event), and
        the count of sagas started against the count of distinct incidents, which must be equal.

        Build the services first: dotnet build Surge.slnx -c Release

        Options:
          --notifications N     notifications in the storm (default 1000)
          --seconds N           the storm's duration in seconds (default 10)
          --services N          services, each with its own alert policy (default 20)
          --incidents N         distinct incidents across all services, at least --services (default 60)
          --seed N              seed of the order of the repeats (default 7)
          --configuration NAME  build configuration of the services to run (default Release)
          --output FILE         also write the results as Markdown to FILE
          --keep-logs           keep the services' log folder after the run (it is printed either way)

        Environment: SURGE_BENCH_POSTGRES, SURGE_BENCH_RABBITMQ and SURGE_BENCH_RABBITMQCTL as for the saga benchmark
        (surge-bench --help).
        """;

    /// <summary>Notifications in the storm.</summary>
    public int Notifications { get; init; } = 1000;

    /// <summary>The storm's duration in seconds.</summary>
    public int Seconds { get; init; } = 10;

    /// <summary>Services, each with its own policy.</summary>
    public int Services { get; init; } = 20;

    /// <summary>Distinct incidents across all services.</summary>
    public int Incidents { get; init; } = 60;

    /// <summary>The seed of the order of the repeats.</summary>
    public int Seed { get; init; } = 7;

    /// <summary>The build configuration whose service outputs are started.</summary>
    public string Configuration { get; init; } = "Release";

    /// <summary>The file the Markdown results are written to, if any.</summary>
    public string? OutputPath { get; init; }

    /// <summary>Whether the services' log folder is kept after the run.</summary>
    public bool KeepLogs { get; init; }

    /// <summary>The cluster settings: the saga benchmark's connections, with instances that start at once.</summary>
    public BenchmarkSettings Cluster => new() { Configuration = Configuration, KeepLogs = KeepLogs };

    /// <summary>Parses the command line; throws <see cref="ArgumentException"/> naming the invalid option.</summary>
    public static AlarmStormSettings Parse(IReadOnlyList<string> args)
    {
        var settings = new AlarmStormSettings();
        for (var i = 0; i < args.Count; i++)
        {
            settings = args[i] switch
            {
                "--notifications" => settings with { Notifications = BenchmarkSettings.Positive(args, ref i) },
                "--seconds" => settings with { Seconds = BenchmarkSettings.Positive(args, ref i) },
                "--services" => settings with { Services = BenchmarkSettings.Positive(args, ref i) },
                "--incidents" => settings with { Incidents = BenchmarkSettings.Positive(args, ref i) },
                "--seed" => settings with { Seed = BenchmarkSettings.NonNegative(args, ref i) },
                "--configuration" => settings with { Configuration = BenchmarkSettings.Value(args, ref i) },
                "--output" => settings with { OutputPath = BenchmarkSettings.Value(args, ref i) },
                "--keep-logs" => settings with { KeepLogs = true },
                "--help" => settings,
                _ => throw new ArgumentException($"Unknown option '{args[i]}'."),
            };
        }

        if (settings.Incidents < settings.Services || settings.Incidents > settings.Notifications)
        {
            throw new ArgumentException($"Option --incidents is {settings.Incidents}; give between --services ({settings.Services}) and --notifications ({settings.Notifications}).");
        }

        // Each service gets a /24 of loopback addresses, one per instance, from 127.91.0.0 on.
        if (settings.Services > 250)
        {
            throw new ArgumentException($"Option --services is {settings.Services}; give 250 or fewer.");
        }

        return settings;
    }
}
