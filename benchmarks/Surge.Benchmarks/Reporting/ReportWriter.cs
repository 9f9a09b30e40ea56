using System.Globalization;
using System.Text;
using Surge.Benchmarks.Baseline;
using Surge.Benchmarks.Measurement;
using Surge.Benchmarks.Sagas;

namespace Surge.Benchmarks.Reporting;

/// <summary>Writes the results as Markdown tables.</summary>
public sealed class ReportWriter
{
    private readonly StringBuilder text = new();

    /// <summary>The Markdown written so far.</summary>
    public override string ToString() => text.ToString();

    /// <summary>Writes the date, the machine and the settings.</summary>
    public void Header(BenchmarkSettings settings, IEnumerable<string> args)
    {
        Line($"# surge-bench results, {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC");
        Line();
        Line($"- Machine: {Environment.ProcessorCount} logical CPUs, {Machine.CpuModel()}, {Machine.MemoryGiB():F1} GiB memory, load average before the run {Machine.LoadAverage()}");
        Line($"- Command: `surge-bench {string.Join(' ', args)}`");
        Line($"- Sagas: {settings.WarmupSagas} warm-up, {settings.LatencySagas} one at a time, {settings.Sagas} with {settings.Concurrency} in flight; {settings.InstancesPerSaga} instance(s) each");
        Line();
    }

    /// <summary>Writes the throughput of each phase next to the raw baseline's.</summary>
    public void Throughput(IReadOnlyList<(PhaseResult Saga, BaselineBatch Baseline)> phases)
    {
        Line("## Sagas per second");
        Line();
        Line("| phase | in flight | completed / started | wall time s | sagas/s (event span) | raw baseline sagas/s | saga time / baseline time |");
        Line("| --- | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (var (saga, baseline) in phases)
        {
            var baselineRate = baseline.Sagas.Count / baseline.Elapsed.TotalSeconds;
            Line($"| {saga.Name} | {saga.Concurrency} | {saga.Completed} / {saga.Started} | {saga.Elapsed.TotalSeconds:F1} | {saga.SagasPerSecond:F1} | {baselineRate:F1} | {baselineRate / saga.SagasPerSecond:F2} |");
        }

        Line();
    }

    /// <summary>Writes p50 and p99 of each saga step next to the baseline's, and their ratios.</summary>
    public void Steps(PhaseResult saga, BaselineBatch baseline)
    {
        Line($"## Step times, {saga.Name} phase ({saga.Concurrency} in flight), ms");
        Line();
        Line("| step | saga p50 | saga p99 | baseline p50 | baseline p99 | ratio p50 | ratio p99 |");
        Line("| --- | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (var (step, _, _) in SagaSteps.Definitions)
        {
            var sagaValues = saga.Steps.Select(s => s[step]).ToList();
            var baseValues = baseline.Sagas.Select(s => s[step]).ToList();
            var (s50, s99) = (Percentiles.Of(sagaValues, 50), Percentiles.Of(sagaValues, 99));
            var (b50, b99) = (Percentiles.Of(baseValues, 50), Percentiles.Of(baseValues, 99));
            Line($"| {step} | {s50:F1} | {s99:F1} | {b50:F1} | {b99:F1} | {Ratio(s50, b50)} | {Ratio(s99, b99)} |");
        }

        Line();
    }

    /// <summary>Writes p50 and p99 of each hop between services.</summary>
    public void Hops(PhaseResult saga)
    {
        Line($"## Hops between services, {saga.Name} phase ({saga.Hops.Count} sagas with every event on the path), ms");
        Line();
        Line("| hop | p50 | p99 |");
        Line("| --- | ---: | ---: |");
        foreach (var hop in SagaHops.Names)
        {
            var values = saga.Hops.Select(h => h[hop]).ToList();
            Line($"| {hop} | {Percentiles.Of(values, 50):F1} | {Percentiles.Of(values, 99):F1} |");
        }

        Line();
    }

    /// <summary>Writes the CPU seconds each process group used in a phase, in total and per saga.</summary>
    public void Cpu(string title, Dictionary<string, double> cpu, int sagas, TimeSpan elapsed)
    {
        Line($"## CPU, {title}");
        Line();
        Line($"Machine: {cpu["machine busy"]:F1} of {cpu["machine total"]:F1} CPU seconds busy over {elapsed.TotalSeconds:F1} s wall time ({100 * cpu["machine busy"] / cpu["machine total"]:F0}% of all CPUs).");
        Line();
        Line("| process | CPU s | CPU ms per saga |");
        Line("| --- | ---: | ---: |");
        foreach (var (name, seconds) in cpu.Where(entry => !entry.Key.StartsWith("machine", StringComparison.Ordinal)).OrderByDescending(entry => entry.Value))
        {
            Line($"| {name} | {seconds:F2} | {1000 * seconds / sagas:F2} |");
        }

        var others = cpu["machine busy"] - cpu.Where(entry => !entry.Key.StartsWith("machine", StringComparison.Ordinal)).Sum(entry => entry.Value);
        Line($"| other processes on the machine | {others:F2} | {1000 * others / sagas:F2} |");

        Line();
    }

    /// <summary>Writes PostgreSQL's transaction and row counters per saga.</summary>
    public void Database(Dictionary<string, long> counters, int sagas)
    {
        Line("## PostgreSQL counters, throughput phase, per saga");
        Line();
        Line($"Committed transactions (each statement outside a transaction counts as one): {(double)counters["transactions"] / sagas:F1} per saga.");
        Line();
        Line("| schema | rows inserted | rows updated | rows deleted |");
        Line("| --- | ---: | ---: | ---: |");
        foreach (var schema in counters.Keys.Where(key => key.EndsWith(" inserted", StringComparison.Ordinal)).Select(key => key[..^" inserted".Length]).Order())
        {
            Line($"| {schema} | {Per(counters, schema, "inserted", sagas)} | {Per(counters, schema, "updated", sagas)} | {Per(counters, schema, "deleted", sagas)} |");
        }

        Line();
    }

    private static string Per(Dictionary<string, long> counters, string schema, string kind, int sagas) =>
        ((double)counters[$"{schema} {kind}"] / sagas).ToString("F1", CultureInfo.InvariantCulture);

    private static string Ratio(double saga, double baseline) =>
        baseline > 0 ? (saga / baseline).ToString("F2", CultureInfo.InvariantCulture) : "n/a";

    private void Line(FormattableString line) => text.AppendLine(line.ToString(CultureInfo.InvariantCulture));

    private void Line(string line = "") => text.AppendLine(line);
}
