using Surge.Provisioner.Instances;
using Surge.Provisioner.Providers;

namespace Surge.Provisioner.Starting;

/// <summary>
/// Starts instances in the background, so a consumer does not wait out the provider's latency, and records each
/// outcome with the correlation id of the request that created the instance.
/// </summary>
public sealed partial class InstanceStarter(
    IInstanceProvider provider,
    InstanceRecorder recorder,
    IHostApplicationLifetime lifetime,
    ILogger<InstanceStarter> logger)
{
    private readonly Dictionary<Guid, CancellationTokenSource> running = [];
    private readonly Lock gate = new();

    /// <summary>Returns whether a start of the instance runs in this process.</summary>
    public bool IsStarting(Guid instanceId)
    {
        lock (gate)
        {
            return running.ContainsKey(instanceId);
        }
    }

    /// <summary>Starts the instance in the background, unless a start of it already runs in this process.</summary>
    public void Start(InstanceLaunch launch)
    {
        CancellationTokenSource cancellation;
        lock (gate)
        {
            if (running.ContainsKey(launch.InstanceId))
            {
                return;
            }

            cancellation = CancellationTokenSource.CreateLinkedTokenSource(lifetime.ApplicationStopping);
            running.Add(launch.InstanceId, cancellation);
        }

        LogStarting(logger, launch.InstanceId, launch.Service, launch.Node, launch.Address);
        _ = Task.Run(() => RunAsync(launch, cancellation), CancellationToken.None);
    }

    /// <summary>Cancels the start of the instance if one runs in this process. Nothing is recorded for it.</summary>
    public void Cancel(Guid instanceId)
    {
        lock (gate)
        {
            if (running.TryGetValue(instanceId, out var cancellation))
            {
                cancellation.Cancel();
            }
        }
    }

    private async Task RunAsync(InstanceLaunch launch, CancellationTokenSource cancellation)
    {
        using var scope = logger.BeginScope(new Dictionary<string, object>
        {
            ["CorrelationId"] = launch.CorrelationId,
            ["InstanceId"] = launch.InstanceId,
        });

        try
        {
            var outcome = await StartAsync(launch, cancellation.Token);
            await RecordAsync(launch, outcome);
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            LogCancelled(logger, launch.InstanceId);
        }
        catch (Exception exception)
        {
            // The instance stays Requested in the store, so the next start of this process resumes it.
            LogFailed(logger, exception, launch.InstanceId);
        }
        finally
        {
            lock (gate)
            {
                running.Remove(launch.InstanceId);
                cancellation.Dispose();
            }
        }
    }

    private async Task<InstanceCommand> StartAsync(InstanceLaunch launch, CancellationToken cancellationToken)
    {
        try
        {
            var endpoint = await provider.StartAsync(launch, cancellationToken);
            return new CompleteStart(launch.InstanceId, endpoint);
        }
        catch (InstanceStartException exception)
        {
            LogStartFailed(logger, exception, launch.InstanceId, exception.Message);
            return new FailStart(launch.InstanceId, exception.Message);
        }
    }

    private async Task RecordAsync(InstanceLaunch launch, InstanceCommand outcome)
    {
        // Recording is not cancelled with the start: once the provider answered, its answer must reach the store.
        var recorded = await recorder.RecordAsync(outcome, launch.CorrelationId, lifetime.ApplicationStopping);
        if (recorded)
        {
            if (outcome is CompleteStart complete)
            {
                LogStarted(logger, launch.InstanceId, complete.Endpoint);
            }

            return;
        }

        // The instance was stopped while it started, so the listener it just got must go too.
        LogStoppedWhileStarting(logger, launch.InstanceId);
        if (outcome is CompleteStart)
        {
            await StopStrayAsync(launch);
        }
    }

    private async Task StopStrayAsync(InstanceLaunch launch)
    {
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

    [LoggerMessage(EventId = LogEventIds.Starter + 1, Level = LogLevel.Information, Message = "Starting instance {InstanceId} of {Service} on node {Node} with address {Address}")]
    private static partial void LogStarting(ILogger logger, Guid instanceId, string service, string node, string address);

    [LoggerMessage(EventId = LogEventIds.Starter + 2, Level = LogLevel.Information, Message = "Instance {InstanceId} started at {Endpoint}")]
    private static partial void LogStarted(ILogger logger, Guid instanceId, string endpoint);

    [LoggerMessage(EventId = LogEventIds.Starter + 3, Level = LogLevel.Warning, Message = "Instance {InstanceId} failed to start: {Reason}")]
    private static partial void LogStartFailed(ILogger logger, Exception exception, Guid instanceId, string reason);

    [LoggerMessage(EventId = LogEventIds.Starter + 4, Level = LogLevel.Information, Message = "Start of instance {InstanceId} was cancelled because the instance is stopping or the service shuts down")]
    private static partial void LogCancelled(ILogger logger, Guid instanceId);

    [LoggerMessage(EventId = LogEventIds.Starter + 5, Level = LogLevel.Warning, Message = "Instance {InstanceId} was stopped while it started, so its outcome was not recorded")]
    private static partial void LogStoppedWhileStarting(ILogger logger, Guid instanceId);

    [LoggerMessage(EventId = LogEventIds.Starter + 6, Level = LogLevel.Error, Message = "Starting instance {InstanceId} failed. The instance stays requested and is started again when the service restarts or the start is requested again")]
    private static partial void LogFailed(ILogger logger, Exception exception, Guid instanceId);

    [LoggerMessage(EventId = LogEventIds.Starter + 7, Level = LogLevel.Warning, Message = "Instance {InstanceId} was stopped while it started, but stopping what the provider started failed, so it may keep running until the service shuts down: {Reason}")]
    private static partial void LogStrayStopFailed(ILogger logger, Exception exception, Guid instanceId, string reason);
}
