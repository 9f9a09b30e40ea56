using Marten;
using Microsoft.Extensions.Options;
using Surge.LoadBalancer.DataPlane;
using Surge.ServiceDefaults.Storage;

namespace Surge.LoadBalancer.Measuring;

/// <summary>
/// Replies to measurements when their window ends. Every <see cref="LoadBalancerOptions.DrainCheckInterval"/> it replies to
/// the watched measurements that are due. At start and every <see cref="LoadBalancerOptions.RefreshInterval"/> it reads
/// the stored ones, so a measurement whose process restarted still gets its reply.
/// </summary>
/// <remarks>
/// A measurement that another run of the process started gets its reply one refresh interval after its window, so the
/// process with its counters replies first when it still runs.
/// </remarks>
public sealed partial class MeasurementFinisher(
    MeasurementWatchList watchList,
    MeasurementCompletion completion,
    BackendTraffic traffic,
    IDocumentStore store,
    IOptions<LoadBalancerOptions> options,
    TimeProvider time,
    ILogger<MeasurementFinisher> logger) : BackgroundService
{
    private readonly HashSet<Guid> failing = [];

    private readonly PassFailures synchronization = new(logger, "Reading pending measurements", time);

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

            foreach (var measurement in watchList.Snapshot().Where(IsDue))
            {
                await TryFinishAsync(measurement, stoppingToken);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    private bool IsDue(PendingMeasurement measurement)
    {
        var grace = measurement.RunId == traffic.RunId ? TimeSpan.Zero : options.Value.RefreshInterval;
        return time.GetUtcNow() >= measurement.Until + grace;
    }

    private async Task SynchronizeAsync(CancellationToken cancellationToken)
    {
        try
        {
            await using var session = store.QuerySession();
            foreach (var measurement in await session.Query<PendingMeasurement>().ToListAsync(cancellationToken))
            {
                watchList.Add(measurement);
            }

            synchronization.Succeeded();
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            synchronization.Failed(exception, failure => LogSynchronizationFailed(logger, failure));
        }
    }

    private async Task TryFinishAsync(PendingMeasurement measurement, CancellationToken cancellationToken)
    {
        try
        {
            await completion.FinishAsync(measurement, cancellationToken);
            watchList.Remove(measurement.Id);
            failing.Remove(measurement.Id);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // Only the first failure per measurement is logged, so an outage does not log every check.
            if (failing.Add(measurement.Id))
            {
                LogFinishFailed(logger, exception, measurement.SagaId, measurement.Service);
            }
        }
    }

    [LoggerMessage(EventId = 5054, Level = LogLevel.Warning, Message = "Answering the error measurement of saga {SagaId} in service {Service} failed; it is tried again at each check until it succeeds")]
    private static partial void LogFinishFailed(ILogger logger, Exception exception, Guid sagaId, string service);

    [LoggerMessage(EventId = 5055, Level = LogLevel.Warning, Message = "Reading pending error measurements from the store failed; measurements already watched are still answered, and the read is tried again after the refresh interval")]
    private static partial void LogSynchronizationFailed(ILogger logger, Exception exception);
}
