using System.Net;
using System.Net.Sockets;

namespace Surge.Benchmarks.Ipam;

/// <summary>The ipam scenario's inputs, from command-line options.</summary>
public sealed record IpamSettings
{
    /// <summary>The first argument that selects this scenario.</summary>
    public const string Scenario = "ipam";

    /// <summary>The usage text printed for <c>--help</c> and for an invalid option.</summary>
    public const string Usage = """
        surge-bench ipam: allocations per second, latency and duplicate addresses of IP address allocators under
        concurrent callers, against PostgreSQL. The baseline keeps one row per address and allocates each address in
        its own transaction with FOR UPDATE SKIP LOCKED. Each allocator gets the same subnet, nodes, warm levels and
        requests, in its own schema of a database the run creates and drops; they run one after the other.

        Options:
          --allocations N      allocations in the timed phase (default 60000)
          --concurrency N      callers allocating at once, in the warm-up and the timed phase (default 64)
          --baseline-connections N
                               the baseline's connection pool; callers beyond it wait for a connection
                               (default: the concurrency, at most 64, within PostgreSQL's default of 100 connections)
          --max-batch N        the most requests Surge's allocator, and the appends alone, commit in one transaction,
                               as Ipam:Allocation:MaxBatchSize (default: Ipam's default, 512)
          --nodes N            nodes, named node-0001 upwards, that the requests are spread over at random (default 100)
          --warm N             addresses assigned to each node before the warm-up (default 800)
          --warmup N           allocations before the timed phase, left out of the rates and latencies (default 1000)
          --jit-warmup SECONDS the time limit of each allocator's JIT warm-up: allocations on a separate instance,
                               in rounds of a second, until a round compiles at most 10 methods. It is checked after
                               each 5000 requests, so a warm-up may pass it by a few seconds. Subnets with fewer than
                               about 30000 addresses skip the warm-up (default 60; 0 turns it off)
          --subnet CIDR        the IPv4 subnet to allocate from, /8 to /30 (default 10.128.0.0/15)
          --seed N             seed of the instance ids and the node of each request (default 20261205)
          --postgres TEXT      admin connection string; the run creates and drops its own database through it
                               (default: SURGE_BENCH_POSTGRES, else Host=127.0.0.1;Port=55432;Username=postgres;Database=postgres)
          --repeat-baseline    run the baseline once more after the other allocators, to show the spread between
                               two runs of one allocator
          --output FILE        also write the results as Markdown to FILE
        """;

    /// <summary>Allocations in the timed phase.</summary>
    public int Allocations { get; init; } = 60_000;

    /// <summary>Callers allocating at once.</summary>
    public int Concurrency { get; init; } = 64;

    /// <summary>The baseline's pool size; null for the concurrency, at most 64.</summary>
    public int? BaselineConnectionsOption { get; init; }

    /// <summary>The baseline's pool size: one connection per caller up to 64, so runs with more callers stay under PostgreSQL's connection limit.</summary>
    public int BaselineConnections => BaselineConnectionsOption ?? Math.Min(Concurrency, 64);

    /// <summary>The maximum number of requests in one commit of Surge's allocator, as <c>Ipam:Allocation:MaxBatchSize</c>.</summary>
    public int MaxBatchSize { get; init; } = new Surge.Ipam.Allocation.AllocationBatchOptions().MaxBatchSize;

    /// <summary>Nodes the requests are spread over.</summary>
    public int Nodes { get; init; } = 100;

    /// <summary>Addresses assigned to each node when the allocator is prepared.</summary>
    public int WarmPerNode { get; init; } = 800;

    /// <summary>Allocations before the timed phase, to warm up the JIT, connection pools and caches.</summary>
    public int WarmupAllocations { get; init; } = 1_000;

    /// <summary>The time limit of each allocator's <see cref="JitWarmUp"/>, checked after every 5,000 requests; zero turns it off.</summary>
    public TimeSpan JitWarmUpLimit { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>The subnet every allocator allocates from.</summary>
    public IPNetwork Subnet { get; init; } = IPNetwork.Parse("10.128.0.0/15");

    /// <summary>The seed of the requests.</summary>
    public int Seed { get; init; } = 20261205;

    /// <summary>The PostgreSQL admin connection string, the same default as the saga scenario's.</summary>
    public string PostgresAdmin { get; init; } = new BenchmarkSettings().PostgresAdmin;

    /// <summary>Whether the baseline runs a second time at the end.</summary>
    public bool RepeatBaseline { get; init; }

    /// <summary>The file the Markdown results are written to, if any.</summary>
    public string? OutputPath { get; init; }

    /// <summary>Parses the options after the scenario name; throws <see cref="ArgumentException"/> naming the invalid option.</summary>
    public static IpamSettings Parse(IReadOnlyList<string> args)
    {
        var settings = new IpamSettings();
        for (var i = 0; i < args.Count; i++)
        {
            settings = args[i] switch
            {
                "--allocations" => settings with { Allocations = BenchmarkSettings.Positive(args, ref i) },
                "--concurrency" => settings with { Concurrency = BenchmarkSettings.Positive(args, ref i) },
                "--baseline-connections" => settings with { BaselineConnectionsOption = BenchmarkSettings.Positive(args, ref i) },
                "--max-batch" => settings with { MaxBatchSize = BenchmarkSettings.Positive(args, ref i) },
                "--nodes" => settings with { Nodes = BenchmarkSettings.Positive(args, ref i) },
                "--warm" => settings with { WarmPerNode = BenchmarkSettings.NonNegative(args, ref i) },
                "--warmup" => settings with { WarmupAllocations = BenchmarkSettings.NonNegative(args, ref i) },
                "--jit-warmup" => settings with { JitWarmUpLimit = TimeSpan.FromSeconds(BenchmarkSettings.NonNegative(args, ref i)) },
                "--subnet" => settings with { Subnet = ParseSubnet(args, ref i) },
                "--seed" => settings with { Seed = BenchmarkSettings.NonNegative(args, ref i) },
                "--postgres" => settings with { PostgresAdmin = BenchmarkSettings.Value(args, ref i) },
                "--repeat-baseline" => settings with { RepeatBaseline = true },
                "--output" => settings with { OutputPath = BenchmarkSettings.Value(args, ref i) },
                "--help" => settings,
                _ => throw new ArgumentException($"Unknown option '{args[i]}' for the ipam scenario."),
            };
        }

        // The range is read from Ipam's own validation of Ipam:Allocation:MaxBatchSize, so the benchmark measures only
        // a setting Ipam can run.
        var batchRange = typeof(Surge.Ipam.Allocation.AllocationBatchOptions).GetProperty(nameof(Surge.Ipam.Allocation.AllocationBatchOptions.MaxBatchSize))!
            .GetCustomAttributes(typeof(System.ComponentModel.DataAnnotations.RangeAttribute), inherit: false)
            .Cast<System.ComponentModel.DataAnnotations.RangeAttribute>()
            .Single();
        if (!batchRange.IsValid(settings.MaxBatchSize))
        {
            throw new ArgumentException($"Option --max-batch is invalid: {settings.MaxBatchSize}. Give {batchRange.Minimum} to {batchRange.Maximum}, the range of Ipam:Allocation:MaxBatchSize.");
        }

        try
        {
            _ = new Npgsql.NpgsqlConnectionStringBuilder(settings.PostgresAdmin);
        }
        catch (Exception exception) when (exception is ArgumentException or KeyNotFoundException or FormatException)
        {
            var reason = exception is KeyNotFoundException ? "it contains a keyword Npgsql does not support." : exception.Message;
            throw new ArgumentException($"Option --postgres is invalid: {reason} Give an Npgsql connection string such as Host=127.0.0.1;Port=55432;Username=postgres;Database=postgres.");
        }

        if (settings.OutputPath is { } output && Path.GetDirectoryName(Path.GetFullPath(output)) is { } folder && !Directory.Exists(folder))
        {
            throw new ArgumentException($"Option --output is invalid: the folder {folder} does not exist. Create it first, or give a file in an existing folder.");
        }

        var usable = (1L << (32 - settings.Subnet.PrefixLength)) - 2;
        if ((long)settings.Nodes * settings.WarmPerNode > usable)
        {
            throw new ArgumentException(
                $"--nodes {settings.Nodes} with --warm {settings.WarmPerNode} assign {(long)settings.Nodes * settings.WarmPerNode} addresses, but subnet {settings.Subnet} has {usable}. Lower either, or give a larger subnet.");
        }

        if ((long)settings.WarmupAllocations + settings.Allocations > usable)
        {
            throw new ArgumentException(
                $"--warmup {settings.WarmupAllocations} with --allocations {settings.Allocations} need {(long)settings.WarmupAllocations + settings.Allocations} addresses, but subnet {settings.Subnet} has {usable}. Lower either, or give a larger subnet.");
        }

        return settings;
    }

    private static IPNetwork ParseSubnet(IReadOnlyList<string> args, ref int i)
    {
        var option = args[i];
        var value = BenchmarkSettings.Value(args, ref i);
        // IPNetwork.TryParse clears host bits instead of failing, so 10.128.0.1/16 would quietly become 10.128.0.0/16.
        var valid = IPNetwork.TryParse(value, out var subnet)
            && subnet.BaseAddress.AddressFamily == AddressFamily.InterNetwork
            && subnet.PrefixLength is >= 8 and <= 30
            && IPAddress.Parse(value.Split('/')[0]).Equals(subnet.BaseAddress);
        return valid
            ? subnet
            : throw new ArgumentException($"Option {option} is invalid: '{value}'. Give an IPv4 subnet in CIDR form from /8 to /30, such as 10.128.0.0/16, with its host bits zero.");
    }
}
