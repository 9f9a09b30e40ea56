using Marten;
using Surge.Contracts.Nodes;
using Surge.Provisioner.CloudNodes;
using Surge.Provisioner.Querying;
using Surge.Provisioner.Simulation.Clouds;
using Surge.ServiceDefaults.Messaging;

namespace Surge.Provisioner.NodeProvisioning;

/// <summary>
/// Records a request for cloud nodes and creates the nodes in the background after the commit. A request that is
/// invalid, names an unknown provider or does not fit the provider's quota is recorded as failed and gets a reply of
/// <see cref="NodeProvisioningFailed"/> at once, and nothing is created. A request already finished gets its reply
/// again, because the saga may have missed the first one.
/// </summary>
/// <remarks>
/// Requests for one provider are handled one at a time, within the process by the partition key and across processes by
/// <see cref="ProviderQuotaLock"/>, so two requests cannot both fit into the last free part of a quota.
/// </remarks>
public sealed partial class ProvisionNodesConsumer(
    ConsumerServices services,
    SimulatedClouds clouds,
    CloudNodeBuilder builder,
    ILogger<ProvisionNodesConsumer> logger) : TransactionalConsumer<ProvisionNodes>(services)
{
    /// <inheritdoc />
    protected override string PartitionKey(ProvisionNodes message) => ProviderQuotaLock.PartitionKey(message.Provider ?? "");

    /// <inheritdoc />
    protected override async Task HandleAsync(ProvisionNodes message, OutboxSession unit, CancellationToken cancellationToken)
    {
        await ProviderQuotaLock.AcquireAsync(unit.Documents, message.Provider ?? "", cancellationToken);
        var stream = await unit.Documents.Events.FetchForWriting<CloudNodeRequestState>(CloudNodeStream.Key(message.RequestId), cancellationToken);
        var state = stream.Aggregate ?? CloudNodeRequestState.Initial;

        if (state.Status != CloudNodeRequestStatus.None)
        {
            HandleRepeat(state, unit);
            return;
        }

        var request = await BuildRequestAsync(message, unit.Documents, cancellationToken);
        var events = CloudNodeDecider.Decide(state, request, unit.Now);
        stream.AppendMany(events);

        var next = CloudNodeDecider.Fold(state, events);
        if (next.Status == CloudNodeRequestStatus.Requested)
        {
            LogRequested(logger, message.RequestId, next.Nodes.Count, next.Provider, next.Pool, request.NodesInUse, request.MaxNodes!.Value);
            unit.Documents.Listeners.Add(new BuildAfterCommit(builder, CloudNodeWork.From(next, unit.CorrelationId)));
            return;
        }

        LogRejected(logger, message.RequestId, next.FailureReason!);
        unit.Publish(CloudNodeReplies.For(next)!);
    }

    private async Task<RequestCloudNodes> BuildRequestAsync(ProvisionNodes message, IDocumentSession session, CancellationToken cancellationToken)
    {
        // A message from another version may lack a field. The decider then rejects it with a reason, instead of the
        // message failing on a null reference.
        message = message with { Provider = message.Provider ?? "", Pool = message.Pool ?? "", Size = message.Size ?? new NodeSize(0, 0, 0, 0), Zones = message.Zones ?? [] };

        // Names and quota use the provider's configured spelling, so PUBLIC-CLOUD and public-cloud share one quota.
        var cloud = clouds.Find(message.Provider);
        var provider = cloud?.Provider ?? message.Provider;
        var inUse = cloud is null ? 0 : await CountNodesInUseAsync(session, provider, cancellationToken);
        var taken = cloud is null ? [] : await FindNamesTakenAsync(session, provider, message, cancellationToken);

        return new RequestCloudNodes(
            message.RequestId,
            message.SagaId,
            provider,
            message.Pool,
            message.Count,
            message.Size.CpuMillicores,
            message.Size.MemoryMiB,
            message.Size.DiskGiB,
            message.Size.SwapMiB,
            message.Zones,
            cloud?.MaxNodes,
            inUse,
            taken);
    }

    private static Task<int> CountNodesInUseAsync(IDocumentSession session, string provider, CancellationToken cancellationToken) =>
        session.Query<CloudNodeView>()
            .Where(view => view.Provider == provider && (view.Status == CloudNodeStatus.Pending || view.Status == CloudNodeStatus.Live))
            .CountAsync(cancellationToken);

    private static async Task<IReadOnlyCollection<string>> FindNamesTakenAsync(
        IDocumentSession session,
        string provider,
        ProvisionNodes message,
        CancellationToken cancellationToken)
    {
        if (message.Count is < 1 or > CloudNodeDecider.MaxCount)
        {
            return [];
        }

        var names = Enumerable.Range(1, message.Count).Select(number => CloudNodePlan.NodeName(provider, message.Pool, message.RequestId, number));
        var existing = await session.LoadManyAsync<CloudNodeView>(cancellationToken, names);
        return [.. existing.Where(view => view.RequestId != message.RequestId).Select(view => view.Name)];
    }

    private void HandleRepeat(CloudNodeRequestState state, OutboxSession unit)
    {
        if (CloudNodeReplies.For(state) is { } reply)
        {
            LogReplyRepeated(logger, state.RequestId, state.Status);
            unit.Publish(reply);
            return;
        }

        if (builder.IsBuilding(state.RequestId))
        {
            LogStillBuilding(logger, state.RequestId);
            return;
        }

        // A request whose work no longer runs here (recording an outcome failed) is resumed.
        LogResuming(logger, state.RequestId, state.PendingNodes.Count());
        unit.Documents.Listeners.Add(new BuildAfterCommit(builder, CloudNodeWork.From(state, unit.CorrelationId)));
    }

    [LoggerMessage(EventId = LogEventIds.ProvisionNodesConsumer + 1, Level = LogLevel.Information, Message = "Cloud node request {RequestId} recorded: {Count} nodes of {Provider} for pool {Pool}, with {NodesInUse} of the quota of {MaxNodes} in use before it")]
    private static partial void LogRequested(ILogger logger, Guid requestId, int count, string provider, string pool, int nodesInUse, int maxNodes);

    [LoggerMessage(EventId = LogEventIds.ProvisionNodesConsumer + 2, Level = LogLevel.Warning, Message = "Cloud node request {RequestId} was rejected: {Reason}")]
    private static partial void LogRejected(ILogger logger, Guid requestId, string reason);

    [LoggerMessage(EventId = LogEventIds.ProvisionNodesConsumer + 3, Level = LogLevel.Information, Message = "Cloud node request {RequestId} arrived again and is {Status}, so its reply is sent again")]
    private static partial void LogReplyRepeated(ILogger logger, Guid requestId, CloudNodeRequestStatus status);

    [LoggerMessage(EventId = LogEventIds.ProvisionNodesConsumer + 4, Level = LogLevel.Information, Message = "Cloud node request {RequestId} arrived again and its nodes are still being created, so its reply follows when they join")]
    private static partial void LogStillBuilding(ILogger logger, Guid requestId);

    [LoggerMessage(EventId = LogEventIds.ProvisionNodesConsumer + 5, Level = LogLevel.Warning, Message = "Cloud node request {RequestId} arrived again with {PendingCount} nodes pending but no work on them running, so they are created again")]
    private static partial void LogResuming(ILogger logger, Guid requestId, int pendingCount);
}
