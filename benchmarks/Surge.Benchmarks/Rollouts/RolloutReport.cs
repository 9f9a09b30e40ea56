using System.Text;
using Surge.Benchmarks.Reporting;

namespace Surge.Benchmarks.Rollouts;

/// <summary>Writes the rollout scenario's results as a Markdown table, one row per strategy.</summary>
public sealed class RolloutReport
{
    private readonly StringBuilder text = new();
    private readonly List<StrategyResult> results = [];

    /// <summary>Writes the date, the machine and the settings.</summary>
    public RolloutReport(RolloutSettings settings, IEnumerable<string> args)
    {
        text.AppendLine($"# surge-bench rollout results, {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC");
        text.AppendLine();
        text.AppendLine($"- Machine: {Environment.ProcessorCount} logical CPUs, {Machine.CpuModel()}, {Machine.MemoryGiB():F1} GiB memory, load average before the run {Machine.LoadAverage()}");
        text.AppendLine($"- Command: `surge-bench {RolloutSettings.Scenario} {string.Join(' ', args)}`");
        text.AppendLine($"- {settings.Instances} instances, batches of {settings.BatchSize} for every strategy, time scale {settings.TimeScale} " +
            $"" +
            $"(start and update {180 * settings.TimeScale:0.###} s, stop {5 * settings.TimeScale:0.###} s); " +
            $"{settings.TrafficCallers} callers sending requests through the data plane one after another during each strategy");
        text.AppendLine();
    }

    /// <summary>Adds one strategy's row.</summary>
    public void Add(StrategyResult result) => results.Add(result);

    /// <summary>The Markdown: the header and the table.</summary>
    public override string ToString()
    {
        var table = new StringBuilder(text.ToString());
        table.AppendLine("| strategy | outcome | total s | backends before → after | same instances | added | removed | weight changes | on new image | requests | failed | detail |");
        table.AppendLine("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |");
        foreach (var r in results)
        {
            var pool = r.Pool;
            table.AppendLine($"| {r.Strategy} | {r.Outcome} | {r.Elapsed.TotalSeconds:F1} | {pool.Before} → {pool.After} | {pool.SameInstances} | {pool.Added} | {pool.Removed} | {pool.WeightChanges} | {r.OnNewImage} | {r.Traffic.Sent} | {r.Traffic.Failed} | {r.Detail} |");
        }

        return table.ToString();
    }
}
