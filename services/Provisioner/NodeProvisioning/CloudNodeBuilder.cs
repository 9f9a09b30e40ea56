using Surge.Provisioner.CloudNodes;
using Surge.Provisioner.Simulation.Clouds;

namespace Surge.Provisioner.NodeProvisioning;

/// <summary>
/// Creates, boots and joins the nodes of a request in the background, all nodes at once, so a consumer does not wait
/// out the provider's latency. Each node is recorded as it joins. The first failed operation cancels the other nodes
/// and fails the request, which deletes every node of it.
/// </summary>
/// <remarks>
/// NOTE: a node released while it is being created is still created in the simulation; recording it then causes no
/// event, so it never becomes live.
/// </remarks>
public sealed partial class CloudNodeBuilder(
    SimulatedClouds clouds,
    CloudNodeRecorder recorder,
    IHostApplicationLifetime lifetime,
    ILogger<CloudNodeBuilder> logger)
{
    private readonly Dictionary<Guid, CancellationTokenSource> running = [];
    private readonly Lock gate = new();

    /// <summary>Returns whether work on the request runs in this process.</summary>
    public bool IsBuilding(Guid requestId)
    {
        lock (gate)
        {
            return running.ContainsKey(requestId);
        }
    }

    /// <summary>Starts the work in the background, unless work on the same request already runs in this process.</summary>
    public void Start(CloudNodeWork work)
    {
        CancellationTokenSource cancellation;
        lock (gate)
        {
            if (running.ContainsKey(work.RequestId))
            {
                return;
            }

            cancellation = CancellationTokenSource.CreateLinkedTokenSource(lifetime.ApplicationStopping);
            running.Add(work.RequestId, cancellation);
        }

        LogBuilding(logger, work.RequestId, work.Nodes.Count, work.Provider, work.Pool);
        _ = Task.Run(() => RunAsync(work, cancellation), CancellationToken.None);
    }

    private async Task RunAsync(CloudNodeWork work, CancellationTokenSource cancellation)
    {
        using var scope = logger.BeginScope(new Dictionary<string, object>
        {
            ["CorrelationId"] = work.CorrelationId,
            ["RequestId"] = work.RequestId,
        });

        try
        {
            await BuildAsync(work, cancellation);
        }
        catch (OperationCanceledException) when (lifetime.ApplicationStopping.IsCancellationRequested)
        {
            LogCancelled(logger, work.RequestId);
        }
        catch (Exception exception)
        {
            // The pending nodes stay pending in the store, so the next start of this process or a redelivered request resumes them.
            LogFailed(logger, exception, work.RequestId);
        }
        finally
        {
            lock (gate)
            {
                running.Remove(work.RequestId);
                cancellation.Dispose();
            }
        }
    }

    private async Task BuildAsync(CloudNodeWork work, CancellationTokenSource cancellation)
    {
        if (clouds.Find(work.Provider) is not { } cloud)
        {
            // The provider was removed from the configuration while the request was in progress.
            var reason = $"Provider {work.Provider} no longer exists, so its pending nodes cannot be created. Add it under SimulatedDataCentre:Clouds again or ask another provider.";
            LogProviderMissing(logger, work.RequestId, work.Provider);
            await recorder.RecordAsync(new FailCloudNodes(work.RequestId, reason), work.CorrelationId, lifetime.ApplicationStopping);
            return;
        }

        using var recording = new SemaphoreSlim(1, 1);
        var failure = new FailureGate();
        await Task.WhenAll(work.Nodes.Select(node => BuildNodeAsync(cloud, work, node, recording, failure, cancellation)));
    }

    private async Task BuildNodeAsync(
        SimulatedCloud cloud,
        CloudNodeWork work,
        string node,
        SemaphoreSlim recording,
        FailureGate failure,
        CancellationTokenSource cancellation)
    {
        try
        {
            foreach (var operation in Enum.GetValues<CloudOperation>())
            {
                if (await clouds.PerformAsync(cloud, operation, node, cancellation.Token) is { } reason)
                {
                    if (failure.TryClaim())
                    {
                        // The other nodes stop where they are: a failed request deletes all of its nodes.
                        await cancellation.CancelAsync();
                        await RecordFailureAsync(work, node, reason);
                    }

                    return;
                }
            }
        }
        catch (OperationCanceledException) when (failure.IsClaimed && !lifetime.ApplicationStopping.IsCancellationRequested)
        {
            return;
        }

        await recording.WaitAsync(lifetime.ApplicationStopping);
        try
        {
            await RecordJoinedAsync(work, node);
        }
        finally
        {
            recording.Release();
        }
    }

    private async Task RecordJoinedAsync(CloudNodeWork work, string node)
    {
        // Recording is not cancelled with the work, because once the provider replied, its reply must reach the store.
        var state = await recorder.RecordAsync(new CompleteCloudNode(work.RequestId, node), work.CorrelationId, lifetime.ApplicationStopping);
        if (state.Nodes.FirstOrDefault(candidate => candidate.Name == node) is not { Status: CloudNodeStatus.Live })
        {
            LogJoinedTooLate(logger, node, work.RequestId, state.Status);
            return;
        }

        LogJoined(logger, node, work.RequestId, work.Pool);
        if (state.Status == CloudNodeRequestStatus.Provisioned)
        {
            LogProvisioned(logger, work.RequestId, state.Nodes.Count(candidate => candidate.Status == CloudNodeStatus.Live), work.Provider, work.Pool);
        }
    }

    private async Task RecordFailureAsync(CloudNodeWork work, string node, string reason)
    {
        LogOperationFailed(logger, work.RequestId, node, reason);
        await recorder.RecordAsync(new FailCloudNodes(work.RequestId, $"Node {node} of {work.Provider}: {reason}"), work.CorrelationId, lifetime.ApplicationStopping);
    }

    // Lets exactly one node report the failure of the request.
    private sealed class FailureGate
    {
        private int claimed;

        public bool IsClaimed => Volatile.Read(ref claimed) == 1;

        public bool TryClaim() => Interlocked.Exchange(ref claimed, 1) == 0;
    }

    [LoggerMessage(EventId = LogEventIds.NodeBuilder + 1, Level = LogLevel.Information, Message = "Creating {Count} nodes of cloud node request {RequestId} at {Provider} for pool {Pool}")]
    private static partial void LogBuilding(ILogger logger, Guid requestId, int count, string provider, string pool);

    [LoggerMessage(EventId = LogEventIds.NodeBuilder + 2, Level = LogLevel.Information, Message = "Cloud node {Node} of request {RequestId} joined pool {Pool}")]
    private static partial void LogJoined(ILogger logger, string node, Guid requestId, string pool);

    [LoggerMessage(EventId = LogEventIds.NodeBuilder + 3, Level = LogLevel.Information, Message = "Cloud node request {RequestId} is provisioned: {Count} nodes of {Provider} joined pool {Pool}")]
    private static partial void LogProvisioned(ILogger logger, Guid requestId, int count, string provider, string pool);

    [LoggerMessage(EventId = LogEventIds.NodeBuilder + 4, Level = LogLevel.Warning, Message = "Cloud node request {RequestId} failed at node {Node}, so all of its nodes are deleted: {Reason}")]
    private static partial void LogOperationFailed(ILogger logger, Guid requestId, string node, string reason);

    [LoggerMessage(EventId = LogEventIds.NodeBuilder + 8, Level = LogLevel.Warning, Message = "Cloud node request {RequestId} is failed because its provider {Provider} no longer exists")]
    private static partial void LogProviderMissing(ILogger logger, Guid requestId, string provider);

    [LoggerMessage(EventId = LogEventIds.NodeBuilder + 5, Level = LogLevel.Warning, Message = "Cloud node {Node} of request {RequestId} joined, but was not recorded as live because the request is {Status} or the node was released meanwhile")]
    private static partial void LogJoinedTooLate(ILogger logger, string node, Guid requestId, CloudNodeRequestStatus status);

    [LoggerMessage(EventId = LogEventIds.NodeBuilder + 6, Level = LogLevel.Information, Message = "Work on cloud node request {RequestId} was cancelled because the service shuts down; its pending nodes are resumed at the next start")]
    private static partial void LogCancelled(ILogger logger, Guid requestId);

    [LoggerMessage(EventId = LogEventIds.NodeBuilder + 7, Level = LogLevel.Error, Message = "Work on cloud node request {RequestId} failed. Its pending nodes stay pending and are created again when the service restarts or the request is sent again")]
    private static partial void LogFailed(ILogger logger, Exception exception, Guid requestId);
}
