using Surge.Provisioner.Instances;
using Surge.Provisioner.Providers;
using Surge.Provisioner.Starting;

namespace Surge.Provisioner.Updating;

/// <summary>
/// Updates instances in place in the background, so a consumer does not wait out the provider's latency, and records
/// each outcome with the correlation id of the update request.
/// </summary>
public sealed partial class InstanceUpdater(
    IInstanceProvider provider,
    InstanceRecorder recorder,
    IHostApplicationLifetime lifetime,
    ILogger<InstanceUpdater> logger)
{
    private readonly HashSet<Guid> running = [];
    private readonly Lock gate = new();

    /// <summary>Returns whether an update of the instance runs in this process.</summary>
    public bool IsUpdating(Guid instanceId)
    {
        lock (gate)
        {
            return running.Contains(instanceId);
        }
    }

    /// <summary>Updates the instance in the background, unless an update of it already runs in this process.</summary>
    public void Update(InstanceUpdate update)
    {
        lock (gate)
        {
            if (!running.Add(update.Launch.InstanceId))
            {
                return;
            }
        }

        LogUpdating(logger, update.Launch.InstanceId, update.Launch.Image, update.Endpoint);
        _ = Task.Run(() => RunAsync(update), CancellationToken.None);
    }

    private async Task RunAsync(InstanceUpdate update)
    {
        var launch = update.Launch;
        using var scope = logger.BeginScope(new Dictionary<string, object>
        {
            ["CorrelationId"] = launch.CorrelationId,
            ["InstanceId"] = launch.InstanceId,
        });

        try
        {
            var outcome = await UpdateAsync(update, lifetime.ApplicationStopping);

            // Recording is not cancelled with the update: once the provider returned, its outcome must reach the store.
            if (!await recorder.RecordAsync(outcome, launch.CorrelationId, lifetime.ApplicationStopping))
            {
                LogOutcomeIgnored(logger, launch.InstanceId, launch.Image);
                await StopStrayAsync(launch, outcome);
            }
        }
        catch (OperationCanceledException) when (lifetime.ApplicationStopping.IsCancellationRequested)
        {
            LogCancelled(logger, launch.InstanceId);
        }
        catch (Exception exception)
        {
            // The update stays pending in the store, so the next start of this process or a repeated request resumes it.
            LogFailed(logger, exception, launch.InstanceId);
        }
        finally
        {
            lock (gate)
            {
                running.Remove(launch.InstanceId);
            }
        }
    }

    private async Task<InstanceCommand> UpdateAsync(InstanceUpdate update, CancellationToken cancellationToken)
    {
        var launch = update.Launch;
        try
        {
            var endpoint = await provider.UpdateAsync(launch, update.Endpoint, cancellationToken);
            LogUpdated(logger, launch.InstanceId, launch.Image, endpoint);
            return new CompleteUpdate(launch.InstanceId, launch.Image, endpoint);
        }
        catch (InstanceUpdateException exception)
        {
            LogUpdateFailed(logger, exception, launch.InstanceId, launch.Image, exception.Message);
            return new FailUpdate(launch.InstanceId, launch.Image, exception.Message);
        }
    }

    // An instance stopped during its update may have been restarted by the provider afterwards, so that listener goes too.
    private async Task StopStrayAsync(InstanceLaunch launch, InstanceCommand outcome)
    {
        if (outcome is not CompleteUpdate)
        {
            return;
        }

        try
        {
            await provider.StopAsync(launch.InstanceId, lifetime.ApplicationStopping);
        }
        catch (InstanceStopException exception)
        {
            // Nothing retries this stop, because the instance is already recorded as stopped.
            LogStrayStopFailed(logger, exception, launch.InstanceId, exception.Message);
        }
    }

    [LoggerMessage(EventId = LogEventIds.Updater + 1, Level = LogLevel.Information, Message = "Updating instance {InstanceId} at {Endpoint} in place to image {Image}")]
    private static partial void LogUpdating(ILogger logger, Guid instanceId, string image, string endpoint);

    [LoggerMessage(EventId = LogEventIds.Updater + 2, Level = LogLevel.Information, Message = "Instance {InstanceId} runs image {Image} at {Endpoint}")]
    private static partial void LogUpdated(ILogger logger, Guid instanceId, string image, string endpoint);

    [LoggerMessage(EventId = LogEventIds.Updater + 3, Level = LogLevel.Warning, Message = "Instance {InstanceId} could not be updated to image {Image}: {Reason}")]
    private static partial void LogUpdateFailed(ILogger logger, Exception exception, Guid instanceId, string image, string reason);

    [LoggerMessage(EventId = LogEventIds.Updater + 4, Level = LogLevel.Warning, Message = "The outcome of updating instance {InstanceId} to image {Image} was not recorded, because the instance was stopped or lost meanwhile")]
    private static partial void LogOutcomeIgnored(ILogger logger, Guid instanceId, string image);

    [LoggerMessage(EventId = LogEventIds.Updater + 5, Level = LogLevel.Information, Message = "Update of instance {InstanceId} was cancelled because the service shuts down; it resumes at the next start")]
    private static partial void LogCancelled(ILogger logger, Guid instanceId);

    [LoggerMessage(EventId = LogEventIds.Updater + 6, Level = LogLevel.Error, Message = "Updating instance {InstanceId} failed. The update stays pending and runs again when the service restarts or the update is requested again")]
    private static partial void LogFailed(ILogger logger, Exception exception, Guid instanceId);

    [LoggerMessage(EventId = LogEventIds.Updater + 7, Level = LogLevel.Warning, Message = "Instance {InstanceId} was stopped during its update, but stopping what the provider restarted failed, so it may keep running until the service shuts down: {Reason}")]
    private static partial void LogStrayStopFailed(ILogger logger, Exception exception, Guid instanceId, string reason);
}
