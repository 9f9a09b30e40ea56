using Surge.Capacity.Nodes;
using Surge.Contracts.Nodes;
using Surge.ServiceDefaults.Messaging;

namespace Surge.Capacity.Overflow;

/// <summary>Removes overflow nodes from the fleet once their provider confirms it deleted them.</summary>
public sealed class NodesReleasedConsumer(ConsumerServices services) : TransactionalConsumer<NodesReleased>(services)
{
    /// <inheritdoc />
    protected override string PartitionKey(NodesReleased message) => $"release/{message.RequestId}";

    /// <inheritdoc />
    protected override async Task HandleAsync(NodesReleased message, OutboxSession unit, CancellationToken cancellationToken)
    {
        await NodeLocks.HoldAsync(unit, message.Nodes, cancellationToken);
        foreach (var name in message.Nodes)
        {
            var node = await unit.Documents.Events.FetchForWriting<NodeView>(NodeView.StreamKey(name), cancellationToken);
            if (node.Aggregate?.ReleaseRequestId == message.RequestId)
            {
                node.AppendOne(new NodeRemoved($"{message.Provider} deleted the node.", unit.Now));
            }
        }
    }
}
