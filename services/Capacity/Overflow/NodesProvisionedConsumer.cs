using Microsoft.Extensions.Options;
using Surge.Capacity.Nodes;
using Surge.Capacity.ScaleOut;
using Surge.Contracts.Nodes;
using Surge.ServiceDefaults.Messaging;

namespace Surge.Capacity.Overflow;

/// <summary>
/// Declares the cloud nodes a provider created as nodes of the saga's pool, and lets the saga place again, in one
/// transaction. Nodes are declared even when the saga stopped waiting for them: they exist and cost money, so they
/// must be known to be released once idle.
/// </summary>
public sealed partial class NodesProvisionedConsumer(ConsumerServices services, IOptions<SagaOptions> options, ILogger<NodesProvisionedConsumer> logger)
    : SagaMessageConsumer<NodesProvisioned>(services)
{
    /// <inheritdoc />
    protected override async Task HandleAsync(NodesProvisioned message, OutboxSession unit, CancellationToken cancellationToken)
    {
        var stream = await unit.Documents.Events.FetchForWriting<ScaleOutState>(ScaleOutState.StreamKey(message.SagaId), cancellationToken);
        var attempt = stream.Aggregate?.Overflow.FirstOrDefault(a => a.RequestId == message.RequestId);
        if (stream.Aggregate is null || attempt is null)
        {
            LogUnknownRequest(logger, message.RequestId, message.SagaId);
            return;
        }

        await NodeLocks.HoldAsync(unit, message.Nodes.Select(node => node.Name), cancellationToken);
        foreach (var node in message.Nodes)
        {
            var nodeStream = await unit.Documents.Events.FetchForWriting<NodeView>(NodeView.StreamKey(node.Name), cancellationToken);
            if (nodeStream.Aggregate is null)
            {
                nodeStream.AppendOne(new NodeSpecified(node.Name, new NodeSpec(
                    message.Pool, node.Zone, node.Rack, attempt.Size.CpuMillicores, attempt.Size.MemoryMiB,
                    DiskGiB: attempt.Size.DiskGiB, SwapMiB: attempt.Size.SwapMiB, Provider: message.Provider)));
            }
        }

        var events = ScaleOutDecider.Decide(stream.Aggregate, message, unit.Now, options.Value);
        await ScaleOutRecorder.RecordAsync(unit, stream, events, cancellationToken);
        LogJoined(logger, message.Nodes.Count, message.Provider, message.Pool, message.SagaId);
    }

    [LoggerMessage(EventId = 2401, Level = LogLevel.Information, Message = "{Count} nodes of {Provider} joined pool {Pool} for scale-out saga {SagaId}")]
    private static partial void LogJoined(ILogger logger, int count, string provider, string pool, Guid sagaId);

    [LoggerMessage(EventId = 2402, Level = LogLevel.Warning, Message = "Nodes of request {RequestId} arrived for saga {SagaId}, which did not ask for them; they are not declared")]
    private static partial void LogUnknownRequest(ILogger logger, Guid requestId, Guid sagaId);
}
