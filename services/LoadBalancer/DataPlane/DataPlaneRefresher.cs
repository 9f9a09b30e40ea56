using Marten;
using Microsoft.Extensions.Options;
using Surge.LoadBalancer.Degradation;

namespace Surge.LoadBalancer.DataPlane;

/// <summary>
/// Builds the data plane from the stored pools and degradation switches before the service takes messages, then reloads it every
/// <see cref="LoadBalancerOptions.RefreshInterval"/> to pick up changes that other replicas committed.
/// </summary>
public sealed partial class DataPlaneRefresher(
    DataPlaneConfig dataPlane,
    DegradationTable degradation,
    IDocumentStore store,
    IOptions<LoadBalancerOptions> options,
    TimeProvider time,
    ILogger<DataPlaneRefresher> logger) : BackgroundService
{
    /// <inheritdoc />
    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        await dataPlane.ReloadAsync(store, cancellationToken);
        await degradation.ReloadAsync(store, cancellationToken);
        LogStarted(logger, options.Value.DataPlaneUrl, options.Value.RefreshInterval);
        await base.StartAsync(cancellationToken);
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.RefreshInterval, time);
        var failures = 0;
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await dataPlane.ReloadAsync(store, stoppingToken);
                await degradation.ReloadAsync(store, stoppingToken);
                if (failures > 0)
                {
                    LogRefreshRecovered(logger, failures);
                    failures = 0;
                }
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                // Only the first failure of a run is logged, so an outage does not log every interval.
                if (failures++ == 0)
                {
                    LogRefreshFailed(logger, exception);
                }
            }
        }
    }

    [LoggerMessage(EventId = 5120, Level = LogLevel.Information, Message = "Data plane loaded from stored pools; it listens on {DataPlaneUrl} and refreshes every {RefreshInterval}")]
    private static partial void LogStarted(ILogger logger, string dataPlaneUrl, TimeSpan refreshInterval);

    [LoggerMessage(EventId = 5121, Level = LogLevel.Warning, Message = "Refreshing the data plane from stored pools failed; it retries every interval and logs again when it succeeds")]
    private static partial void LogRefreshFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 5122, Level = LogLevel.Information, Message = "Data plane refresh succeeded again after {FailureCount} failed attempts")]
    private static partial void LogRefreshRecovered(ILogger logger, int failureCount);
}
