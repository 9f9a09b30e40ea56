using Marten;
using Microsoft.Extensions.Options;
using Surge.Capacity.Nodes;
using Surge.Capacity.Scheduling;
using Surge.Contracts.Nodes;
using Surge.ServiceDefaults.Messaging;
using Surge.ServiceDefaults.Storage;

namespace Surge.Capacity.Overflow;

/// <summary>
/// Releases, as events, what no saga will come back for: reservations past their expiry that were never committed, and
/// overflow nodes that held no instance for the idle time, which are given back to their provider. Also compares the
/// capacity model with the stream versions now and then, so a stream it fell behind on is reloaded.
/// </summary>
public sealed partial class CapacityHousekeeper(
    CapacityModelHost model,
    OutboxSessionFactory sessions,
    IOptions<OverflowOptions> options,
    TimeProvider time,
    ILogger<CapacityHousekeeper> logger) : BackgroundService
{
    private static readonly TimeSpan ReconcileEvery = TimeSpan.FromMinutes(1);

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var lastReconcile = DateTimeOffset.MinValue;
        var failures = new PassFailures(logger, "Capacity housekeeping", time);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (time.GetUtcNow() - lastReconcile >= ReconcileEvery)
                {
                    await model.ReconcileAsync(stoppingToken);
                    lastReconcile = time.GetUtcNow();
                }

                await SweepAsync(stoppingToken);
                failures.Succeeded();
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                failures.Failed(exception, failure => LogSweepFailed(logger, failure));
            }

            await Task.Delay(options.Value.ScanInterval, time, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }

    private async Task SweepAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var idleFor = options.Value.IdleNodeReleaseAfter;
        var (expired, idle) = await model.UseAsync(m => (m.ExpiredReservations(now), m.IdleOverflowNodes(now, idleFor)), cancellationToken);

        foreach (var (node, instanceId) in expired)
        {
            await ExpireAsync(node, instanceId, cancellationToken);
        }

        foreach (var (node, provider) in idle)
        {
            await ReleaseAsync(node, provider, idleFor, cancellationToken);
        }
    }

    private async Task ExpireAsync(string nodeName, Guid instanceId, CancellationToken cancellationToken)
    {
        await using var unit = sessions.Open(Guid.NewGuid().ToString("N"), $"expiry:{instanceId}", nameof(ReservationExpired));
        await NodeLocks.HoldAsync(unit, [nodeName], cancellationToken);
        var node = await unit.Documents.Events.FetchForWriting<NodeView>(NodeView.StreamKey(nodeName), cancellationToken);
        var reservation = node.Aggregate?.Reservations.FirstOrDefault(r => r.InstanceId == instanceId);
        if (reservation is not { Committed: false, ExpiresAt: { } expiresAt } || expiresAt > unit.Now)
        {
            return;
        }

        node.AppendOne(new ReservationExpired(instanceId, reservation.SagaId, expiresAt, unit.Now));
        await unit.CommitAsync(cancellationToken);
        LogExpired(logger, instanceId, nodeName, reservation.SagaId);
    }

    private async Task ReleaseAsync(string nodeName, string provider, TimeSpan idleFor, CancellationToken cancellationToken)
    {
        var requestId = Guid.CreateVersion7();
        await using var unit = sessions.Open(requestId.ToString("N"), $"idle:{nodeName}", nameof(ReleaseNodes));
        await NodeLocks.HoldAsync(unit, [nodeName], cancellationToken);
        var node = await unit.Documents.Events.FetchForWriting<NodeView>(NodeView.StreamKey(nodeName), cancellationToken);
        if (node.Aggregate is not { ReleaseRequestId: null, Reservations.Count: 0 })
        {
            return;
        }

        node.AppendOne(new NodeReleaseStarted(requestId, $"The overflow node held no instance for {idleFor}.", unit.Now));
        unit.Publish(new ReleaseNodes(requestId, provider, [nodeName]));
        await unit.CommitAsync(cancellationToken);
        LogReleasing(logger, nodeName, provider, idleFor);
    }

    [LoggerMessage(EventId = 2501, Level = LogLevel.Warning, Message = "Reservation of instance {InstanceId} on node {Node} expired uncommitted; saga {SagaId} neither committed nor released it")]
    private static partial void LogExpired(ILogger logger, Guid instanceId, string node, Guid sagaId);

    [LoggerMessage(EventId = 2502, Level = LogLevel.Information, Message = "Giving overflow node {Node} back to {Provider}: it held no instance for {IdleFor}")]
    private static partial void LogReleasing(ILogger logger, string node, string provider, TimeSpan idleFor);

    [LoggerMessage(EventId = 2503, Level = LogLevel.Warning, Message = "Capacity housekeeping failed; it runs again at the next interval")]
    private static partial void LogSweepFailed(ILogger logger, Exception exception);
}
