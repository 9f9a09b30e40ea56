using Surge.Provisioner.NetworkInterfaces;

namespace Surge.Provisioner.InterfaceAttaching;

/// <summary>
/// Completes attaches in the background once their latency has passed, so no consumer keeps a message or a
/// transaction open while it waits. Each attach is recorded with the correlation id of its request.
/// </summary>
public sealed partial class InterfaceAttacher(
    NetworkInterfaceRecorder recorder,
    TimeProvider time,
    IHostApplicationLifetime lifetime,
    ILogger<InterfaceAttacher> logger)
{
    private readonly HashSet<string> running = new(StringComparer.Ordinal);
    private readonly Lock gate = new();

    /// <summary>Returns whether the attach of the interface with stream key <paramref name="stream"/> runs in this process.</summary>
    public bool IsAttaching(string stream)
    {
        lock (gate)
        {
            return running.Contains(stream);
        }
    }

    /// <summary>Starts waiting for the attach in the background, unless it already runs in this process.</summary>
    public void Start(InterfaceAttachWork work)
    {
        lock (gate)
        {
            if (!running.Add(work.Stream))
            {
                return;
            }
        }

        LogAttaching(logger, work.InterfaceId, work.Node, work.AttachDueAt);
        _ = Task.Run(() => RunAsync(work), CancellationToken.None);
    }

    private async Task RunAsync(InterfaceAttachWork work)
    {
        using var scope = logger.BeginScope(new Dictionary<string, object>
        {
            ["CorrelationId"] = work.CorrelationId,
            ["Stream"] = work.Stream,
        });

        try
        {
            var remaining = work.AttachDueAt - time.GetUtcNow();
            if (remaining > TimeSpan.Zero)
            {
                await Task.Delay(remaining, time, lifetime.ApplicationStopping);
            }

            var state = await recorder.RecordAsync(new CompleteInterfaceAttach(work.Node, work.InterfaceId), work.CorrelationId, lifetime.ApplicationStopping);
            if (state.Status == NetworkInterfaceStatus.Attached)
            {
                LogAttached(logger, work.InterfaceId, work.Node, state.Subnet);
            }
            else if (state.Status == NetworkInterfaceStatus.Failed)
            {
                LogFailedAtCompletion(logger, work.InterfaceId, work.Node, state.FailureReason!);
            }
        }
        catch (OperationCanceledException) when (lifetime.ApplicationStopping.IsCancellationRequested)
        {
            LogCancelled(logger, work.InterfaceId, work.Node);
        }
        catch (Exception exception)
        {
            // The interface stays attaching in the store, so the next start of this process or a redelivered request resumes it.
            LogFailed(logger, exception, work.InterfaceId, work.Node);
        }
        finally
        {
            lock (gate)
            {
                running.Remove(work.Stream);
            }
        }
    }

    [LoggerMessage(EventId = LogEventIds.InterfaceAttacher + 1, Level = LogLevel.Information, Message = "Attaching network interface {InterfaceId} to node {Node}, due at {AttachDueAt}")]
    private static partial void LogAttaching(ILogger logger, string interfaceId, string node, DateTimeOffset attachDueAt);

    [LoggerMessage(EventId = LogEventIds.InterfaceAttacher + 2, Level = LogLevel.Information, Message = "Network interface {InterfaceId} of subnet {Subnet} is attached to node {Node}")]
    private static partial void LogAttached(ILogger logger, string interfaceId, string node, string subnet);

    [LoggerMessage(EventId = LogEventIds.InterfaceAttacher + 5, Level = LogLevel.Warning, Message = "Network interface {InterfaceId} of node {Node} was not attached: {Reason}")]
    private static partial void LogFailedAtCompletion(ILogger logger, string interfaceId, string node, string reason);

    [LoggerMessage(EventId = LogEventIds.InterfaceAttacher + 3, Level = LogLevel.Information, Message = "Attaching network interface {InterfaceId} to node {Node} was interrupted because the service shuts down; it is resumed at the next start")]
    private static partial void LogCancelled(ILogger logger, string interfaceId, string node);

    [LoggerMessage(EventId = LogEventIds.InterfaceAttacher + 4, Level = LogLevel.Error, Message = "Recording the attach of network interface {InterfaceId} to node {Node} failed. It stays attaching and is completed when the service restarts or the request is sent again")]
    private static partial void LogFailed(ILogger logger, Exception exception, string interfaceId, string node);
}
