using Marten;
using Surge.Provisioner.Instances;
using Surge.Provisioner.Providers;
using Surge.Provisioner.Querying;
using Surge.Provisioner.Updating;

namespace Surge.Provisioner.Starting;

/// <summary>
/// Picks up the instances a previous run of this process left behind: starts those that were requested but not started,
/// and takes back those that were started, whose listeners ended with the old process, then resumes the in-place updates
/// among them that had not finished. On shutdown it releases them.
/// </summary>
public sealed partial class InstanceRecovery(
    IDocumentStore store,
    IInstanceProvider provider,
    InstanceStarter starter,
    InstanceUpdater updater,
    InstanceRecorder recorder,
    ILogger<InstanceRecovery> logger) : IHostedService
{
    /// <inheritdoc />
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        IReadOnlyList<InstanceView> unfinished;
        await using (var session = store.QuerySession())
        {
            unfinished = await session.Query<InstanceView>()
                .Where(view => view.Status == InstanceStatus.Requested || view.Status == InstanceStatus.Started)
                .OrderBy(view => view.RequestedAt)
                .ToListAsync(cancellationToken);
        }

        LogRecovering(logger, unfinished.Count(view => view.Status == InstanceStatus.Started), unfinished.Count(view => view.Status == InstanceStatus.Requested));
        foreach (var view in unfinished)
        {
            if (view.Status == InstanceStatus.Started)
            {
                // An instance is taken back with its current image first, so an update that fails can fall back to it.
                if (await ReattachAsync(view, cancellationToken) && view.UpdatingTo is { } image)
                {
                    LogResumingUpdate(logger, view.InstanceId, image);
                    var launch = InstanceLaunch.From(view) with { Image = image, CorrelationId = view.UpdateCorrelationId ?? view.CorrelationId };
                    updater.Update(new InstanceUpdate(launch, view.Endpoint!));
                }
            }
            else
            {
                starter.Start(InstanceLaunch.From(view));
            }
        }
    }

    /// <inheritdoc />
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        // Shutting down is not stopping: the instances stay Started in the store and are taken back at the next start.
        await provider.ReleaseAllAsync(cancellationToken);
        LogReleased(logger);
    }

    private async Task<bool> ReattachAsync(InstanceView view, CancellationToken cancellationToken)
    {
        try
        {
            await provider.ReattachAsync(InstanceLaunch.From(view), view.Endpoint!, cancellationToken);
            LogReattached(logger, view.InstanceId, view.Endpoint!);
            return true;
        }
        catch (InstanceStartException exception)
        {
            LogLost(logger, exception, view.InstanceId, view.Endpoint!);
            var reason = $"The instance could not serve at {view.Endpoint} again after the Provisioner restarted: {exception.Message}";
            await recorder.RecordAsync(new StopInstance(view.InstanceId, reason), view.CorrelationId, cancellationToken);
            return false;
        }
    }

    [LoggerMessage(EventId = LogEventIds.Recovery + 1, Level = LogLevel.Information, Message = "Recovering instances after a start: {StartedCount} to take back, {RequestedCount} to start")]
    private static partial void LogRecovering(ILogger logger, int startedCount, int requestedCount);

    [LoggerMessage(EventId = LogEventIds.Recovery + 2, Level = LogLevel.Information, Message = "Instance {InstanceId} serves at {Endpoint} again")]
    private static partial void LogReattached(ILogger logger, Guid instanceId, string endpoint);

    [LoggerMessage(EventId = LogEventIds.Recovery + 3, Level = LogLevel.Warning, Message = "Instance {InstanceId} cannot serve at {Endpoint} again, so it is recorded as stopped")]
    private static partial void LogLost(ILogger logger, Exception exception, Guid instanceId, string endpoint);

    [LoggerMessage(EventId = LogEventIds.Recovery + 4, Level = LogLevel.Information, Message = "Released the listeners of all instances for shutdown")]
    private static partial void LogReleased(ILogger logger);

    [LoggerMessage(EventId = LogEventIds.Recovery + 5, Level = LogLevel.Information, Message = "Instance {InstanceId} was being updated to image {Image} when the service stopped, so the update runs again")]
    private static partial void LogResumingUpdate(ILogger logger, Guid instanceId, string image);
}
