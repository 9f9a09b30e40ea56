using System.Diagnostics;
using Surge.Cli.Http;

namespace Surge.Cli.Demo;

/// <summary>What one rollout of the demo did: how it ended, how long it took, the requests lost and the backend changes.</summary>
internal sealed record RolloutTrialResult(string Strategy, string Image, string Status, string? Reason, TimeSpan Duration, int Sent, int Lost, int BackendChanges)
{
    /// <summary>Whether the rollout reached its final status before the demo's timeout.</summary>
    public bool Finished { get; init; } = true;
}

/// <summary>
/// Rolls a service out to a new image with one strategy while requests flow through the data plane one after another,
/// and counts the requests that failed and the backends that were added or removed meanwhile.
/// </summary>
internal sealed class RolloutTrial(GatewayClient gateway, DataPlaneClient dataPlane, TimeProvider time)
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(250);

    public async Task<RolloutTrialResult> RunAsync(string service, string image, string strategy, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var before = await BackendSetAsync(service, cancellationToken);
        using var stopTraffic = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var traffic = SendUntilStoppedAsync(service, stopTraffic.Token);

        var started = Stopwatch.StartNew();
        var rollout = await gateway.StartRolloutAsync(
            new { service, image, strategy, batchSize = 1, healthGate = new { httpPath = "/healthz" }, requestedBy = "surge-cli demo" },
            cancellationToken);
        var deadline = time.GetUtcNow() + timeout;
        while (!rollout.IsFinished && time.GetUtcNow() < deadline)
        {
            await Task.Delay(PollInterval, time, cancellationToken);
            rollout = await gateway.GetRolloutAsync(rollout.RolloutId, cancellationToken);
        }

        var duration = started.Elapsed;
        await stopTraffic.CancelAsync();
        var (sent, lost) = await traffic;
        var after = await BackendSetAsync(service, cancellationToken);
        var changes = before.Except(after).Count() + after.Except(before).Count();
        return new RolloutTrialResult(strategy, image, rollout.Status, rollout.Reason, duration, sent, lost, changes) { Finished = rollout.IsFinished };
    }

    private async Task<HashSet<string>> BackendSetAsync(string service, CancellationToken cancellationToken) =>
        [.. (await gateway.GetBackendsAsync(service, cancellationToken)).Select(backend => $"{backend.InstanceId}@{backend.Endpoint}")];

    private async Task<(int Sent, int Lost)> SendUntilStoppedAsync(string service, CancellationToken stop)
    {
        var sent = 0;
        var lost = 0;
        while (!stop.IsCancellationRequested)
        {
            // A request is not cancelled by the stop, so the one in flight at the end still counts as it ends.
            var (reply, _) = await dataPlane.SendAsync(service, CancellationToken.None);
            sent++;
            if (reply is null)
            {
                lost++;
            }
        }

        return (sent, lost);
    }
}
