using System.Diagnostics;
using System.Net.Sockets;
using Npgsql;
using Surge.Benchmarks.Cluster;

namespace Surge.Benchmarks.Ipam;

/// <summary>
/// The ipam scenario. It creates a database and measures each allocator in turn: prepare it, run the warm-up and the
/// timed allocations, then compare what its storage contains with what the callers received. At the end it drops the
/// database.
/// </summary>
public static class IpamRun
{
    /// <summary>Runs the scenario with the options after its name and returns the exit code.</summary>
    public static async Task<int> ExecuteAsync(IReadOnlyList<string> args)
    {
        IpamSettings settings;
        try
        {
            settings = IpamSettings.Parse(args);
        }
        catch (ArgumentException exception)
        {
            Console.Error.WriteLine(exception.Message);
            Console.Error.WriteLine(IpamSettings.Usage);
            return 2;
        }

        if (args.Contains("--help"))
        {
            Console.WriteLine(IpamSettings.Usage);
            return 0;
        }

        // Ctrl+C and SIGTERM cancel the run instead of ending the process, so the database is still dropped.
        using var cancellation = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            cancellation.Cancel();
        };
        using var terminate = System.Runtime.InteropServices.PosixSignalRegistration.Create(System.Runtime.InteropServices.PosixSignal.SIGTERM, signal =>
        {
            signal.Cancel = true;
            cancellation.Cancel();
        });

        string report;
        try
        {
            // An option only the server can check, checked before the run creates its database.
            if (await ConnectionLimitProblemAsync(settings, cancellation.Token) is { } problem)
            {
                Console.Error.WriteLine(problem);
                return 2;
            }

            report = await RunAsync(settings, args, cancellation.Token);
        }
        catch (NpgsqlException exception) when (exception.InnerException is SocketException)
        {
            var server = new NpgsqlConnectionStringBuilder(settings.PostgresAdmin);
            Console.Error.WriteLine(
                $"Could not connect to PostgreSQL at {server.Host}:{server.Port} ({exception.InnerException.Message}). Start PostgreSQL there, or give another server with --postgres or SURGE_BENCH_POSTGRES.");
            return 1;
        }
        catch (PostgresException exception) when (exception.SqlState is PostgresErrorCodes.InvalidAuthorizationSpecification or PostgresErrorCodes.InvalidPassword or PostgresErrorCodes.InvalidCatalogName or PostgresErrorCodes.InsufficientPrivilege)
        {
            // The server responded but rejected the login or the database; the run needs a role that may create databases.
            var server = new NpgsqlConnectionStringBuilder(settings.PostgresAdmin);
            Console.Error.WriteLine(
                $"PostgreSQL at {server.Host}:{server.Port} refused the benchmark ({exception.SqlState}: {exception.MessageText}). Give --postgres a role that may log in and create databases, and a database that exists.");
            return 1;
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            Console.Error.WriteLine("Stopped by Ctrl+C or SIGTERM; the run's database was dropped.");
            return 130;
        }

        Console.WriteLine(report);
        if (settings.OutputPath is not null)
        {
            await File.WriteAllTextAsync(settings.OutputPath, report);
        }

        return 0;
    }

    private static async Task<string> RunAsync(IpamSettings settings, IReadOnlyList<string> args, CancellationToken ct)
    {
        var started = Stopwatch.GetTimestamp();
        var plan = BenchmarkSubnetPlan.Create(settings.Subnet, settings.Nodes, settings.WarmPerNode);
        var requests = AllocationWorkload.Create(plan, settings.WarmupAllocations + settings.Allocations, settings.Seed);
        var warmup = requests[..settings.WarmupAllocations];
        var timed = requests[settings.WarmupAllocations..];

        var database = $"surge_bench_ipam_{Guid.NewGuid():N}"[..29];
        Progress($"creating database {database}");
        var connectionString = await Infrastructure.CreateDatabaseAsync(settings.PostgresAdmin, database, settings.Concurrency);
        try
        {
            var report = new IpamReport(settings, args, plan, await DescribeServerAsync(connectionString, ct));
            var environment = new AllocatorEnvironment(connectionString, settings.Concurrency, settings.BaselineConnections, settings.MaxBatchSize);
            var results = new List<AllocatorResult>();
            foreach (var allocator in AllocatorsUnderTest.Create(settings.RepeatBaseline))
            {
                JitWarmUpResult? jit = null;
                if (settings.JitWarmUpLimit > TimeSpan.Zero)
                {
                    Progress($"{allocator.Name}: JIT warm-up on a separate instance, at most {settings.JitWarmUpLimit.TotalSeconds:F0} s");
                    jit = await JitWarmUp.RunAsync(() => allocator.ForJitWarmUp(environment), plan, environment.Concurrency, settings.Seed + 1, settings.JitWarmUpLimit, ct);
                    Progress(jit.Skipped
                        ? $"{allocator.Name}: JIT warm-up skipped, the subnet is too small for it"
                        : $"{allocator.Name}: JIT warm-up {(jit.Quiet ? "quiet" : "still compiling")} after {jit.Allocations} allocations in {jit.Elapsed.TotalSeconds:F1} s");
                }

                results.Add(await MeasureAsync(allocator.Measured(environment), plan, warmup, timed, environment, ct) with { JitWarmUp = jit });
            }

            report.Results(results);
            report.Finish(Stopwatch.GetElapsedTime(started));
            return report.ToString();
        }
        finally
        {
            Progress($"dropping database {database}");
            await Infrastructure.DropDatabaseAsync(settings.PostgresAdmin, database);
        }
    }

    private static async Task<AllocatorResult> MeasureAsync(
        IAddressAllocatorUnderTest allocator,
        BenchmarkSubnetPlan plan,
        AllocationRequest[] warmup,
        AllocationRequest[] timed,
        AllocatorEnvironment environment,
        CancellationToken ct)
    {
        await using var owned = allocator;

        // 1. Preparation: the subnet's addresses and the nodes' warm levels.
        Progress($"{allocator.Name}: preparing {plan.UsableAddressCount} addresses, {plan.WarmAddressCount} of them assigned to {plan.Nodes.Count} nodes");
        var prepareStarted = Stopwatch.GetTimestamp();
        await allocator.PrepareAsync(plan, ct);
        var prepare = Stopwatch.GetElapsedTime(prepareStarted);

        // 2. Warm-up, then the timed phase on a freshly checkpointed server.
        Progress($"{allocator.Name}: warm-up, {warmup.Length} allocations from {environment.Concurrency} callers");
        var warmupPhase = await AllocationDriver.RunAsync(allocator, warmup, environment.Concurrency, ct);
        await JitWarmUp.SettleAsync(ct);
        var checkpointed = await ServerCheckpoint.TryRunAsync(environment.ConnectionString, ct);
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var before = await WriteCounters.ReadAsync(environment.ConnectionString, ct);
        Progress($"{allocator.Name}: timed phase, {timed.Length} allocations from {environment.Concurrency} callers");
        var compiledBefore = System.Runtime.JitInfo.GetCompiledMethodCount();
        var timedPhase = await AllocationDriver.RunAsync(allocator, timed, environment.Concurrency, ct);
        var compiledInTimedPhase = System.Runtime.JitInfo.GetCompiledMethodCount() - compiledBefore;
        var after = await WriteCounters.ReadAsync(environment.ConnectionString, ct);
        var (walBytes, transactionIds) = after.PerAllocation(before, timedPhase.Allocated);
        Progress($"{allocator.Name}: {timedPhase.AllocationsPerSecond:F0} allocations/s");

        // 3. The check of every allocation against the allocator's storage.
        var stored = await allocator.ReadAllocationsAsync(ct);
        var check = AllocationCheck.Compare(plan, [.. warmupPhase.Returned, .. timedPhase.Returned], stored);
        Progress($"{allocator.Name}: {check.Stored} allocations stored, check {(check.Passed ? "passed" : "failed")}");
        return new AllocatorResult(allocator.Name, prepare, warmupPhase, timedPhase, walBytes, transactionIds, checkpointed, check) { MethodsCompiledInTimedPhase = compiledInTimedPhase };
    }

    // The baseline uses one connection per caller up to its pool size. A pool larger than the server allows fails
    // allocations with "too many clients", which the baseline would count as failures and the ratio would flatter Surge.
    private static async Task<string?> ConnectionLimitProblemAsync(IpamSettings settings, CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(settings.PostgresAdmin);
        await connection.OpenAsync(ct);
        await using var command = new NpgsqlCommand(
            "SELECT current_setting('max_connections')::int - current_setting('superuser_reserved_connections')::int - (SELECT count(*) FROM pg_stat_activity WHERE backend_type = 'client backend')::int",
            connection);
        var free = (int)(await command.ExecuteScalarAsync(ct))!;

        // Surge's allocator, the appends alone and the benchmark's own reads need a few connections beside the baseline's.
        const int others = 8;
        return settings.BaselineConnections + others <= free
            ? null
            : $"Option --baseline-connections is invalid: {settings.BaselineConnections}. The server has {free} connections free, and the run needs {others} besides the baseline's. Give at most {Math.Max(1, free - others)}, or raise max_connections.";
    }

    private static async Task<string> DescribeServerAsync(string connectionString, CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(ct);
        await using var command = new NpgsqlCommand(
            """
            SELECT current_setting('server_version'), current_setting('synchronous_commit'), current_setting('fsync'), current_setting('max_connections'),
                   EXISTS (SELECT 1 FROM pg_settings WHERE name = 'default_toast_compression' AND 'lz4' = ANY (enumvals))
            """,
            connection);
        await using var reader = await command.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);

        // Ipam compresses its large values with lz4 where the server has it, and the rates depend on it.
        var compression = reader.GetBoolean(4) ? "Ipam's large values compressed with lz4" : "no lz4, so Ipam's large values are compressed with pglz";
        return $"{reader.GetString(0)} on {connection.Host}:{connection.Port}, synchronous_commit {reader.GetString(1)}, fsync {reader.GetString(2)}, max_connections {reader.GetString(3)}, {compression}";
    }

    private static void Progress(string message) => Console.Error.WriteLine($"[{DateTime.Now:HH:mm:ss}] {message}");
}
