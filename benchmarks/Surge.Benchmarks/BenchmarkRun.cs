using Surge.Benchmarks.Baseline;
using Surge.Benchmarks.Cluster;
using Surge.Benchmarks.Measurement;
using Surge.Benchmarks.Reporting;
using Surge.Benchmarks.Sagas;

namespace Surge.Benchmarks;

/// <summary>
/// The whole run: start the services, warm up, run sagas one at a time and then many in flight, read every saga's
/// events through the audit API, stop the services, then run the raw baseline the same way.
/// </summary>
public static class BenchmarkRun
{
    // A PostgreSQL 15 backend that goes idle flushes its statistics within about ten seconds.
    private static readonly TimeSpan StatisticsFlush = TimeSpan.FromSeconds(11);

    /// <summary>Runs the benchmark and returns the results as Markdown.</summary>
    public static async Task<string> RunAsync(BenchmarkSettings settings, IEnumerable<string> args)
    {
        var report = new ReportWriter();
        report.Header(settings, args);

        Progress("starting the services");
        var cluster = await SurgeCluster.StartAsync(settings);
        Progress($"services started; logs in {cluster.LogDirectory}");
        try
        {
            // 1. Sagas through the real services.
            using var client = cluster.CreateGatewayClient();
            var gateway = new GatewayApi(client);
            var total = (settings.WarmupSagas + settings.LatencySagas + settings.Sagas) * settings.InstancesPerSaga;
            await gateway.ApplyFleetAsync(BenchmarkFleet.Yaml(maxInstances: total + 10));
            var driver = new SagaDriver(gateway, BenchmarkFleet.Service, settings.InstancesPerSaga);

            Progress($"warm-up: {settings.WarmupSagas} sagas");
            await driver.RunAsync(settings.WarmupSagas, Math.Min(settings.Concurrency, Math.Max(1, settings.WarmupSagas)));

            Progress($"latency phase: {settings.LatencySagas} sagas one at a time");
            var latency = await driver.RunAsync(settings.LatencySagas, 1);

            await Task.Delay(StatisticsFlush);
            var pids = cluster.Services.ToDictionary(entry => entry.Key, entry => entry.Value.ProcessId);
            var (cpuBefore, rowsBefore) = (ProcessCpu.Snapshot(pids), await DatabaseCounters.SnapshotAsync(cluster.Postgres));
            Progress($"throughput phase: {settings.Sagas} sagas, {settings.Concurrency} in flight");
            var throughput = await driver.RunAsync(settings.Sagas, settings.Concurrency, done => Tick(done, settings.Sagas));
            var sagaCpu = ProcessCpu.Difference(cpuBefore, ProcessCpu.Snapshot(pids));
            await Task.Delay(StatisticsFlush);
            var rows = DatabaseCounters.Difference(rowsBefore, await DatabaseCounters.SnapshotAsync(cluster.Postgres));

            Progress("reading every saga's events through the audit API");
            var latencyResult = await PhaseCollector.CollectAsync(gateway, "latency", 1, latency);
            var throughputResult = await PhaseCollector.CollectAsync(gateway, "throughput", settings.Concurrency, throughput);
            await cluster.StopServicesAsync();

            // 2. The raw baseline on the same database and broker, with the services stopped.
            Progress("raw baseline");
            await using var baseline = await RawBaseline.CreateAsync(cluster.Postgres, cluster.RabbitMqUri);
            await baseline.RunAsync(settings.WarmupSagas, Math.Min(settings.Concurrency, Math.Max(1, settings.WarmupSagas)), settings.InstancesPerSaga);
            var baselineLatency = await baseline.RunAsync(settings.LatencySagas, 1, settings.InstancesPerSaga);
            var baselineCpuBefore = ProcessCpu.Snapshot(new Dictionary<string, int>());
            var baselineThroughput = await baseline.RunAsync(settings.Sagas, settings.Concurrency, settings.InstancesPerSaga);
            var baselineCpu = ProcessCpu.Difference(baselineCpuBefore, ProcessCpu.Snapshot(new Dictionary<string, int>()));

            // 3. The report.
            report.Throughput([(latencyResult, baselineLatency), (throughputResult, baselineThroughput)]);
            report.Steps(latencyResult, baselineLatency);
            report.Steps(throughputResult, baselineThroughput);
            report.Hops(latencyResult);
            report.Hops(throughputResult);
            report.Cpu($"saga throughput phase ({settings.Sagas} sagas)", sagaCpu, settings.Sagas, throughput.Elapsed);
            report.Cpu($"raw baseline throughput phase ({settings.Sagas} sagas)", baselineCpu, settings.Sagas, baselineThroughput.Elapsed);
            report.Database(rows, settings.Sagas);
            return report.ToString();
        }
        finally
        {
            Progress("stopping the services and removing the database and virtual host");
            await cluster.DisposeAsync();
        }
    }

    private static void Progress(string message) => Console.Error.WriteLine($"[{DateTime.Now:HH:mm:ss}] {message}");

    private static void Tick(int done, int total)
    {
        if (done % 100 == 0 || done == total)
        {
            Progress($"  {done}/{total} sagas finished");
        }
    }
}
