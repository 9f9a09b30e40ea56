using System.Diagnostics;
using Surge.Benchmarks.Cluster;
using Surge.Benchmarks.Sagas;

namespace Surge.Benchmarks.Rollouts;

/// <summary>
/// The whole rollout run: start the services with the simulated latencies, start the service's instances once, then
/// move them to a new image with each strategy in turn, each from where the previous one left the pool.
/// </summary>
public static class RolloutRun
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan FinalTimeout = TimeSpan.FromMinutes(20);
    private static readonly string[] FinalRolloutStatuses = ["Completed", "Aborted", "RolledBack", "RollbackIncomplete", "Failed"];
    private static readonly string[] FinalSagaStatuses = ["Completed", "PartiallyCompleted", "Failed", "Declined"];

    /// <summary>Parses the options, runs the scenario and prints the report; returns the exit code.</summary>
    public static Task<int> ExecuteAsync(IReadOnlyList<string> args) =>
        BenchmarkCommand.ExecuteAsync(args, RolloutSettings.Parse, RolloutSettings.Usage, settings => settings.OutputPath, settings => RunAsync(settings, args));

    /// <summary>Runs every strategy and returns the results as Markdown.</summary>
    public static async Task<string> RunAsync(RolloutSettings settings, IEnumerable<string> args)
    {
        var report = new RolloutReport(settings, args);
        Progress("starting the services");
        await using var cluster = await SurgeCluster.StartAsync(settings.Cluster);
        Progress($"services started; logs in {cluster.LogDirectory}");

        using var client = cluster.CreateGatewayClient();
        var gateway = new GatewayApi(client);
        var api = new RolloutApi(client);
        var service = BenchmarkFleet.Service;

        // Room for the old and the new instances side by side, which recreate needs.
        var maxInstances = 2 * settings.Instances;
        await gateway.ApplyFleetAsync(BenchmarkFleet.Yaml(maxInstances));
        Progress($"starting {settings.Instances} instances of {service}");
        var setup = await gateway.StartScaleOutAsync(service, settings.Instances);
        var setupStatus = await WaitForSagaAsync(api, setup.SagaId);
        if (setupStatus != "Completed")
        {
            throw new InvalidOperationException($"The scale-out that starts the instances ended {setupStatus}; see the logs in {cluster.LogDirectory}.");
        }

        foreach (var (strategy, image) in new[] { ("in-place", "1.1.0"), ("drained-in-place", "1.2.0"), ("recreate", "1.3.0") })
        {
            Progress($"{strategy}: rollout to {image} in batches of {settings.BatchSize}");
            await using var traffic = DataPlaneTraffic.Start(cluster.DataPlaneUrl, service, settings.TrafficCallers);
            report.Add(await RollOutAsync(api, traffic, service, strategy, $"registry.local/{service}:{image}", settings.BatchSize));
        }

        return report.ToString();
    }

    private static async Task<StrategyResult> RollOutAsync(RolloutApi api, DataPlaneTraffic traffic, string service, string strategy, string image, int batchSize)
    {
        var pool = await PoolWatch.StartAsync(api, service);
        var clock = Stopwatch.StartNew();
        var rolloutId = await api.StartRolloutAsync(service, image, strategy, batchSize);
        var view = await api.GetRolloutAsync(rolloutId);
        while (!FinalRolloutStatuses.Contains(view.GetProperty("status").GetString()))
        {
            EnsureTime(clock, $"Rollout {rolloutId}");
            await Task.Delay(PollInterval);
            view = await api.GetRolloutAsync(rolloutId);
        }

        var elapsed = clock.Elapsed;
        var requests = await traffic.StopAsync();
        var (changes, _) = await pool.StopAsync();
        var instances = view.GetProperty("instances").EnumerateArray().ToList();
        var onNewImage = instances.Count(instance => instance.GetProperty("image").GetString() == image);
        var batches = view.GetProperty("batches").GetArrayLength();
        var status = view.GetProperty("status").GetString() ?? "";
        return new StrategyResult(strategy, status, elapsed, changes, onNewImage, requests,
            $"{batches} batches; {view.GetProperty("failedCount").GetInt32()} failed");
    }

    private static async Task<string> WaitForSagaAsync(RolloutApi api, Guid sagaId)
    {
        var clock = Stopwatch.StartNew();
        var status = await api.GetSagaStatusAsync(sagaId);
        while (!FinalSagaStatuses.Contains(status))
        {
            EnsureTime(clock, $"Saga {sagaId}");
            await Task.Delay(PollInterval);
            status = await api.GetSagaStatusAsync(sagaId);
        }

        return status;
    }

    private static void EnsureTime(Stopwatch clock, string operation)
    {
        if (clock.Elapsed > FinalTimeout)
        {
            throw new TimeoutException($"{operation} timed out: no final status after {FinalTimeout.TotalMinutes} minutes. Read the services' logs (--keep-logs keeps them).");
        }
    }

    private static void Progress(string message) => Console.Error.WriteLine($"[{DateTime.Now:HH:mm:ss}] {message}");
}
