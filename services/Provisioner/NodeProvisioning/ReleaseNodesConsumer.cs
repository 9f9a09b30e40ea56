using Marten;
using Surge.Contracts.Nodes;
using Surge.Provisioner.CloudNodes;
using Surge.Provisioner.Querying;
using Surge.ServiceDefaults.Messaging;

namespace Surge.Provisioner.NodeProvisioning;

/// <summary>
/// Records the listed cloud nodes as released, in the streams of the requests that planned them, and replies
/// <see cref="NodesReleased"/> with every listed name. A name no request planned, or one already released or removed,
/// counts as released and is logged.
/// </summary>
/// <remarks>
/// Releasing a node that is still being created releases it at once: the work on it may finish, but the node never
/// becomes live. When that leaves its request with no pending node, the request is provisioned and its reply is sent.
/// </remarks>
public sealed partial class ReleaseNodesConsumer(ConsumerServices services, ILogger<ReleaseNodesConsumer> logger)
    : TransactionalConsumer<ReleaseNodes>(services)
{
    /// <inheritdoc />
    protected override string PartitionKey(ReleaseNodes message) => ProviderQuotaLock.PartitionKey(message.Provider ?? "");

    /// <inheritdoc />
    protected override async Task HandleAsync(ReleaseNodes message, OutboxSession unit, CancellationToken cancellationToken)
    {
        var names = (message.Nodes ?? []).Distinct(StringComparer.Ordinal).ToList();
        var views = await unit.Documents.LoadManyAsync<CloudNodeView>(cancellationToken, names);

        foreach (var unknown in names.Except(views.Select(view => view.Name), StringComparer.Ordinal))
        {
            LogUnknown(logger, unknown, message.Provider ?? "", message.RequestId);
        }

        foreach (var view in views.Where(view => !string.Equals(view.Provider, message.Provider, StringComparison.OrdinalIgnoreCase)))
        {
            LogOtherProvider(logger, view.Name, view.Provider, message.Provider ?? "", message.RequestId);
        }

        foreach (var byRequest in views.GroupBy(view => view.RequestId))
        {
            await ReleaseAsync(byRequest.Key, [.. byRequest.Select(view => view.Name)], message.RequestId, unit, cancellationToken);
        }

        unit.Publish(new NodesReleased(message.RequestId, message.Provider ?? "", names));
    }

    private async Task ReleaseAsync(Guid requestId, IReadOnlyCollection<string> names, Guid releaseRequestId, OutboxSession unit, CancellationToken cancellationToken)
    {
        var stream = await unit.Documents.Events.FetchForWriting<CloudNodeRequestState>(CloudNodeStream.Key(requestId), cancellationToken);
        var state = stream.Aggregate ?? CloudNodeRequestState.Initial;
        var events = CloudNodeDecider.Decide(state, new ReleaseCloudNodes(requestId, names, releaseRequestId), unit.Now);

        var released = events.OfType<CloudNodesReleased>().SelectMany(@event => @event.Nodes).ToHashSet(StringComparer.Ordinal);
        foreach (var name in names)
        {
            if (released.Contains(name))
            {
                LogReleased(logger, name, requestId, releaseRequestId);
            }
            else
            {
                LogAlreadyGone(logger, name, requestId, state.Nodes.FirstOrDefault(node => node.Name == name)?.Status);
            }
        }

        if (events.Count == 0)
        {
            return;
        }

        stream.AppendMany(events);
        if (CloudNodeReplies.OnFinish(state, CloudNodeDecider.Fold(state, events)) is { } reply)
        {
            unit.Publish(reply);
        }
    }

    [LoggerMessage(EventId = LogEventIds.ReleaseNodesConsumer + 1, Level = LogLevel.Information, Message = "Cloud node {Node} of request {RequestId} released for release request {ReleaseRequestId}")]
    private static partial void LogReleased(ILogger logger, string node, Guid requestId, Guid releaseRequestId);

    [LoggerMessage(EventId = LogEventIds.ReleaseNodesConsumer + 2, Level = LogLevel.Warning, Message = "Cloud node {Node} of {Provider} is unknown, so release request {ReleaseRequestId} counts it as released")]
    private static partial void LogUnknown(ILogger logger, string node, string provider, Guid releaseRequestId);

    [LoggerMessage(EventId = LogEventIds.ReleaseNodesConsumer + 3, Level = LogLevel.Information, Message = "Cloud node {Node} of request {RequestId} was not released again because it is {Status}")]
    private static partial void LogAlreadyGone(ILogger logger, string node, Guid requestId, CloudNodeStatus? status);

    [LoggerMessage(EventId = LogEventIds.ReleaseNodesConsumer + 4, Level = LogLevel.Warning, Message = "Cloud node {Node} belongs to {NodeProvider}, but release request {ReleaseRequestId} names {Provider}; it is released all the same, because node names are unique")]
    private static partial void LogOtherProvider(ILogger logger, string node, string nodeProvider, string provider, Guid releaseRequestId);
}
