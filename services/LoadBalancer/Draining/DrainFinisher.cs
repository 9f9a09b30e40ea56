using JasperFx;
using JasperFx.Events;
using Marten;
using Microsoft.Extensions.Options;
using Surge.LoadBalancer.DataPlane;
using Surge.LoadBalancer.ListingBackends;
using Surge.ServiceDefaults.Storage;

namespace Surge.LoadBalancer.Draining;

/// <summary>
/// Ends pending drains outside the message that started them. Every <see cref="LoadBalancerOptions.DrainCheckInterval"/>
/// it ends each watched drain whose requests in flight have completed or whose deadline passed. At start and every
/// <see cref="LoadBalancerOptions.RefreshInterval"/> it reads the drains stored in the pools, so a drain survives a
/// restart: its deadline is stored in its <c>DrainStarted</c> event, not held in memory.
/// </summary>
public sealed partial class DrainFinisher(
    DrainWatchList watchList,
    InFlightRequests inFlightRequests,
    DrainCompletion completion,
    IDocumentStore store,
    IOptions<LoadBalancerOptions> options,
    TimeProvider time,
    ILogger<DrainFinisher> logger) : BackgroundService
{
    private readonly HashSet<(string Service, Guid SagaId)> failing = [];

    private readonly PassFailures synchronization = new(logger, "Reading pending drains", time);

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.DrainCheckInterval, time);
        var nextSynchronization = DateTimeOffset.MinValue;
        do
        {
            if (time.GetUtcNow() >= nextSynchronization)
            {
                await SynchronizeAsync(stoppingToken);
                nextSynchronization = time.GetUtcNow() + options.Value.RefreshInterval;
            }

            foreach (var drain in watchList.Snapshot())
            {
                await TryFinishAsync(drain, stoppingToken);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    private async Task SynchronizeAsync(CancellationToken cancellationToken)
    {
        try
        {
            await using var session = store.QuerySession();
            var pools = await session.Query<BackendPoolView>().ToListAsync(cancellationToken);
            watchList.Synchronize(pools);
            synchronization.Succeeded();
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            synchronization.Failed(exception, failure => LogSynchronizationFailed(logger, failure));
        }
    }

    private async Task TryFinishAsync(WatchedDrain drain, CancellationToken cancellationToken)
    {
        var inFlight = inFlightRequests.Count(drain.Service, drain.InstanceIds);
        var command = drain.DecideFinish(time.GetUtcNow(), inFlight);
        if (command is null)
        {
            return;
        }

        try
        {
            await completion.FinishAsync(drain, command, inFlight, cancellationToken);
            watchList.Remove(drain.Service, drain.SagaId);
            failing.Remove((drain.Service, drain.SagaId));
        }
        catch (Exception exception) when (exception is ConcurrencyException or EventStreamUnexpectedMaxEventIdException)
        {
            // Another process changed the pool first, perhaps by ending this drain. The next check loads its events.
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // Only the first failure per drain is logged, so an outage does not log every check.
            if (failing.Add((drain.Service, drain.SagaId)))
            {
                LogFinishFailed(logger, exception, drain.SagaId, drain.Service);
            }
        }
    }

    [LoggerMessage(EventId = 5032, Level = LogLevel.Warning, Message = "Finishing the drain of saga {SagaId} in service {Service} failed; it is tried again at each check until it succeeds")]
    private static partial void LogFinishFailed(ILogger logger, Exception exception, Guid sagaId, string service);

    [LoggerMessage(EventId = 5033, Level = LogLevel.Warning, Message = "Reading pending drains from the stored pools failed; drains already watched still finish, and the read is tried again after the refresh interval")]
    private static partial void LogSynchronizationFailed(ILogger logger, Exception exception);
}
