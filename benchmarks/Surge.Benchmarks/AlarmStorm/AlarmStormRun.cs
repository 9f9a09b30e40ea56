using System.Globalization;
using System.Text;
using Surge.Benchmarks.Cluster;
using Surge.Benchmarks.Measurement;
using Surge.Benchmarks.Reporting;
using Surge.Benchmarks.Sagas;

namespace Surge.Benchmarks.AlarmStorm;

/// <summary>The whole alarm storm run: start the services, apply the fleet, send the storm, then read back the sagas it started.</summary>
public static class AlarmStormRun
{
    /// <summary>Parses the options, runs the scenario and prints the report; returns the exit code.</summary>
    public static Task<int> ExecuteAsync(IReadOnlyList<string> args) =>
        BenchmarkCommand.ExecuteAsync(args, AlarmStormSettings.Parse, AlarmStormSettings.Usage, settings => settings.OutputPath, settings => RunAsync(settings, args));

    /// <summary>Runs the storm and returns the results as Markdown.</summary>
    public static async Task<string> RunAsync(AlarmStormSettings settings, IEnumerable<string> args)
    {
        Progress("starting the services");
        await using var cluster = await SurgeCluster.StartAsync(settings.Cluster);
        Progress($"services started; logs in {cluster.LogDirectory}");
        using var client = cluster.CreateGatewayClient();
        var gateway = new GatewayApi(client);
        await gateway.ApplyFleetAsync(StormPlan.Fleet(settings));

        var plan = StormPlan.Create(settings, DateTimeOffset.UtcNow.AddMinutes(-1));
        Progress($"sending {plan.Order.Count} notifications for {plan.Incidents.Count} incidents over {settings.Seconds} s");
        var sent = await StormSender.SendAsync(client, plan, TimeSpan.FromSeconds(settings.Seconds));
        var stormEnd = DateTimeOffset.UtcNow;

        Progress("reading the sagas");
        var sagas = new List<(Guid SagaId, string Service)>();
        foreach (var service in Enumerable.Range(0, settings.Services).Select(StormPlan.ServiceName))
        {
            sagas.AddRange((await gateway.ListSagasAsync(service)).Select(saga => (saga.SagaId, service)));
        }

        var starts = new Dictionary<Guid, DateTimeOffset>();
        foreach (var (sagaId, _) in sagas)
        {
            var events = await gateway.GetSagaEventsAsync(sagaId);
            starts[sagaId] = events.First(e => e.Type == "ScaleOutRequested").Timestamp;
        }

        return Report(settings, args, plan, sent, sagas.Count, starts, stormEnd);
    }

    private static string Report(
        AlarmStormSettings settings,
        IEnumerable<string> args,
        StormPlan plan,
        IReadOnlyList<SentNotification> sent,
        int sagaCount,
        IReadOnlyDictionary<Guid, DateTimeOffset> starts,
        DateTimeOffset stormEnd)
    {
        var firstSent = sent.Min(notification => notification.SentAt);
        var byIncident = sent.GroupBy(notification => notification.Incident.Index).ToList();
        var latencies = new List<double>();
        var incidentsWithOneSaga = 0;
        foreach (var incident in byIncident)
        {
            var sagaIds = incident.Select(notification => notification.SagaId).OfType<Guid>().Distinct().ToList();
            if (sagaIds.Count == 1 && starts.TryGetValue(sagaIds[0], out var startedAt))
            {
                incidentsWithOneSaga++;
                latencies.Add((startedAt - incident.Min(notification => notification.SentAt)).TotalMilliseconds);
            }
        }

        var lastStart = starts.Count == 0 ? firstSent : starts.Values.Max();
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"## Alarm storm: {settings.Notifications} notifications in {settings.Seconds} s across {settings.Services} services");
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"Command: `surge-bench {AlarmStormSettings.Scenario} {string.Join(' ', args)}`");
        text.AppendLine(CultureInfo.InvariantCulture, $"Machine: {Machine.CpuModel()}, {Environment.ProcessorCount} cores, {Machine.MemoryGiB():F1} GiB; load average after the run {Machine.LoadAverage()}.");
        text.AppendLine();
        text.AppendLine("| measure | value |");
        text.AppendLine("| --- | ---: |");
        text.AppendLine(CultureInfo.InvariantCulture, $"| notifications sent | {sent.Count} |");
        foreach (var outcome in sent.GroupBy(notification => notification.Outcome).OrderBy(group => group.Key, StringComparer.Ordinal))
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"| outcome `{outcome.Key}` | {outcome.Count()} |");
        }

        text.AppendLine(CultureInfo.InvariantCulture, $"| distinct incidents | {plan.Incidents.Count} |");
        text.AppendLine(CultureInfo.InvariantCulture, $"| scale-out sagas started | {sagaCount} |");
        text.AppendLine(CultureInfo.InvariantCulture, $"| incidents whose notifications all name one saga | {incidentsWithOneSaga} |");
        text.AppendLine(CultureInfo.InvariantCulture, $"| first notification to saga start, p50 | {Percentiles.Of(latencies, 50):F0} ms |");
        text.AppendLine(CultureInfo.InvariantCulture, $"| first notification to saga start, p99 | {Percentiles.Of(latencies, 99):F0} ms |");
        text.AppendLine(CultureInfo.InvariantCulture, $"| first notification to saga start, max | {(latencies.Count == 0 ? double.NaN : latencies.Max()):F0} ms |");
        text.AppendLine(CultureInfo.InvariantCulture, $"| storm's first notification to the last saga start | {(lastStart - firstSent).TotalSeconds:F2} s |");
        text.AppendLine(CultureInfo.InvariantCulture, $"| storm's first notification to its last answer | {(stormEnd - firstSent).TotalSeconds:F2} s |");
        return text.ToString();
    }

    private static void Progress(string message) => Console.Error.WriteLine($"[{DateTime.Now:HH:mm:ss}] {message}");
}
