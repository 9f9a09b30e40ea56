using System.Text;
using Npgsql;
using Surge.Benchmarks.Measurement;
using Surge.Benchmarks.Reporting;

namespace Surge.Benchmarks.Ipam;

/// <summary>Writes the ipam scenario's results as Markdown, one row per allocator in each table.</summary>
public sealed class IpamReport
{
    private readonly StringBuilder text = new();

    /// <summary>Writes the date, the machine, the server, the command, the plan and the requests.</summary>
    public IpamReport(IpamSettings settings, IReadOnlyList<string> args, BenchmarkSubnetPlan plan, string server)
    {
        Line($"# surge-bench ipam results, {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC");
        Line();
        Line($"- Machine: {Environment.ProcessorCount} logical CPUs, {Machine.CpuModel()}, {Machine.MemoryGiB():F1} GiB memory, load average before the run {Machine.LoadAverage()}");
        Line($"- PostgreSQL: {server}");
        Line($"- Runtime: .NET {Environment.Version}, {Collector()}, quick JIT for loops {(AppContext.TryGetSwitch("System.Runtime.TieredCompilation.QuickJitForLoops", out var quick) && !quick ? "off" : "on")}");
        Line($"- Command: `surge-bench {string.Join(' ', [IpamSettings.Scenario, .. WithoutPassword(args)])}`");
        Line($"- Plan: subnet {plan.Subnet} with {plan.UsableAddressCount} usable addresses; {plan.Nodes.Count} {(plan.Nodes.Count == 1 ? "node" : "nodes")} with {settings.WarmPerNode} addresses assigned to each ({plan.WarmAddressCount} in all), the rest unassigned.");
        Line($"- Requests: {settings.WarmupAllocations} warm-up, then {settings.Allocations} timed allocations, from {settings.Concurrency} concurrent callers (the baseline's pool: {settings.BaselineConnections} connections; at most {settings.MaxBatchSize} requests per commit of Surge and of the appends alone), each for a new random instance id on a node chosen at random (seed {settings.Seed}). Every allocator gets the same requests, and the allocators run one after the other in the order of the tables.");
        Line();
    }

    /// <summary>The Markdown written so far.</summary>
    public override string ToString() => text.ToString();

    /// <summary>Writes the rates and latencies, the writes to PostgreSQL, and the check of every allocator.</summary>
    public void Results(IReadOnlyList<AllocatorResult> results)
    {
        Allocation(results);
        Writes(results);
        Check(results);
    }

    /// <summary>Writes the run's wall time and the load average at the end.</summary>
    public void Finish(TimeSpan elapsed)
    {
        Line($"The whole run took {elapsed.TotalSeconds:F1} s. Load average at the end: {Machine.LoadAverage()}.");
    }

    private void Allocation(IReadOnlyList<AllocatorResult> results)
    {
        Line("## Allocation, timed phase");
        Line();
        Line("| allocator | allocated | no address free | failed | wall s | allocations/s | p50 ms | p90 ms | p99 ms | max ms | rate / baseline |");
        Line("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        var baselineRate = results[0].Timed.AllocationsPerSecond;
        foreach (var result in results)
        {
            var timed = result.Timed;
            var latencies = timed.AllocatedLatenciesMs.ToArray();
            var max = latencies.Length == 0 ? double.NaN : latencies.Max();
            Line($"| {result.Name} | {timed.Allocated} | {timed.Rejected} | {timed.Failures} | {timed.Elapsed.TotalSeconds:F2} | {timed.AllocationsPerSecond:F0} | {Percentiles.Of(latencies, 50):F2} | {Percentiles.Of(latencies, 90):F2} | {Percentiles.Of(latencies, 99):F2} | {max:F2} | {timed.AllocationsPerSecond / baselineRate:F2} |");
        }

        Line();
        Line("Latency is one `AllocateAsync` call as its caller timed it, over the calls that returned an address. The rate is the addresses returned divided by the wall time of the timed phase. The baseline is the first row.");
        Line();
        var failing = results.Where(result => result.Warmup.FirstFailure is not null || result.Timed.FirstFailure is not null).ToList();
        foreach (var result in failing)
        {
            var failure = result.Warmup.FirstFailure ?? result.Timed.FirstFailure!;
            Line($"- {result.Name}: {result.Warmup.Failures} warm-up and {result.Timed.Failures} timed calls failed. The first: {failure.GetType().Name}: {failure.Message}");
        }

        if (failing.Count > 0)
        {
            Line();
        }
    }

    private void Writes(IReadOnlyList<AllocatorResult> results)
    {
        Line("## Preparation and writes to PostgreSQL");
        Line();
        Line("| allocator | JIT warm-up | methods compiled in the timed phase | prepare s | checkpoint before the timed phase | WAL bytes per allocation | transaction ids per allocation |");
        Line("| --- | --- | ---: | ---: | --- | ---: | ---: |");
        foreach (var result in results)
        {
            Line($"| {result.Name} | {JitWarmUpText(result.JitWarmUp)} | {result.MethodsCompiledInTimedPhase} | {result.Prepare.TotalSeconds:F2} | {(result.Checkpointed ? "yes" : "no, the role may not")} | {result.WalBytesPerAllocation:F0} | {result.TransactionIdsPerAllocation:0.####} |");
        }

        Line();
        if (results.Any(result => result.JitWarmUp is { Skipped: false }))
        {
            Line("The JIT warm-up runs allocations on a separate instance of the allocator, in a schema of its own, until a round of one second compiles at most 10 methods while it allocates, so the measured instance runs the code a long-running process runs. It counts the requests that got an address.");
            Line();
        }

        Line("After each measured instance's own warm-up, the run waits until the runtime has compiled nothing for half a second (at most 5 s). Methods compiled in the timed phase are counted in the whole benchmark process.");
        Line();
        Line("Both counters cover the timed phase on the whole server (`pg_current_wal_lsn()` and the next transaction id), so other work on the server adds to them. A transaction gets an id only when it writes. The first change to each page after the checkpoint writes the whole page to the log.");
        Line();
    }

    private static string JitWarmUpText(JitWarmUpResult? jit) => jit switch
    {
        null => "off",
        { Skipped: true } => "skipped, subnet too small",
        _ => $"{jit.Allocations} allocations, {jit.Elapsed.TotalSeconds:F1} s, {(jit.Quiet ? "quiet" : "still compiling at the limit")}",
    };

    private void Check(IReadOnlyList<AllocatorResult> results)
    {
        Line("## Check of every allocation, warm-up and timed phase");
        Line();
        Line("| allocator | returned | stored | duplicates returned | duplicates stored | returned, not stored | stored, not returned | outside the subnet | result |");
        Line("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |");
        foreach (var result in results)
        {
            var check = result.Check;
            Line($"| {result.Name} | {check.Returned} | {check.Stored} | {check.DuplicatesReturned} | {check.DuplicatesStored} | {check.ReturnedNotStored} | {check.StoredNotReturned} | {check.OutsideSubnet} | {(check.Passed ? "passed" : "**failed**")} |");
        }

        Line();
        Line("After its last allocation, each allocator's storage is read back through `ReadAllocationsAsync` and compared with what the callers received. A duplicate is an address that more than one instance received or that the storage contains for more than one instance; an address held by n instances counts n - 1 times. \"Returned, not stored\" counts instances that received an address the storage does not contain for them.");
        Line();
    }

    // The connection string goes into the report without its password, and quoted, because it contains semicolons.
    private static IEnumerable<string> WithoutPassword(IReadOnlyList<string> args) =>
        args.Select((arg, i) => i > 0 && args[i - 1] == "--postgres"
            ? $"\"{new NpgsqlConnectionStringBuilder(arg) { Password = null }}\""
            : arg);

    // The allocators' rates depend on the collector, and DOTNET_ variables override the runtime configuration, so
    // the report states the settings the garbage collector itself reports.
    private static string Collector()
    {
        if (!System.Runtime.GCSettings.IsServerGC)
        {
            return "workstation GC";
        }

        var adaptation = GC.GetConfigurationVariables().GetValueOrDefault("GCDynamicAdaptationMode");
        return adaptation?.ToString() == "0"
            ? "server GC without dynamic adaptation (DATAS)"
            : "server GC with dynamic adaptation (DATAS)";
    }

    private void Line(string line = "") => text.AppendLine(line);
}
