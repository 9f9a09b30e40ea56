using Marten;
using Surge.Provisioner.CloudNodes;
using Surge.Provisioner.Querying;

namespace Surge.Provisioner.NodeProvisioning;

/// <summary>
/// Resumes the cloud node requests a previous run of this process left in progress: their pending nodes are created
/// again from the start, and the nodes that already joined stay as they are.
/// </summary>
public sealed partial class CloudNodeRecovery(IDocumentStore store, CloudNodeBuilder builder, ILogger<CloudNodeRecovery> logger) : IHostedService
{
    /// <inheritdoc />
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var session = store.QuerySession();
        var pending = await session.Query<CloudNodeView>()
            .Where(view => view.Status == CloudNodeStatus.Pending)
            .OrderBy(view => view.RequestedAt)
            .ToListAsync(cancellationToken);
        var requests = pending.GroupBy(view => view.RequestId).ToList();

        LogRecovering(logger, requests.Count, pending.Count);
        foreach (var request in requests)
        {
            var state = await session.Events.AggregateStreamAsync<CloudNodeRequestState>(CloudNodeStream.Key(request.Key), token: cancellationToken);
            if (state is { Status: CloudNodeRequestStatus.Requested })
            {
                builder.Start(CloudNodeWork.From(state, request.First().CorrelationId));
            }
        }
    }

    /// <inheritdoc />
    /// <remarks>The builder's work stops with the application; its pending nodes stay pending in the store for the next start.</remarks>
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(EventId = LogEventIds.NodeRecovery + 1, Level = LogLevel.Information, Message = "Recovering cloud nodes after a start: {RequestCount} requests with {PendingCount} pending nodes to create")]
    private static partial void LogRecovering(ILogger logger, int requestCount, int pendingCount);
}
