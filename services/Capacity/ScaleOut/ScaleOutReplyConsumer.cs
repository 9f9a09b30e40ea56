using Microsoft.Extensions.Options;
using Surge.Contracts;
using Surge.ServiceDefaults.Messaging;

namespace Surge.Capacity.ScaleOut;

/// <summary>Handles a participant's reply to a scale-out saga: load the saga, decide, record.</summary>
public sealed partial class ScaleOutReplyConsumer<TReply>(ConsumerServices services, IOptions<SagaOptions> options, ILogger<ScaleOutReplyConsumer<TReply>> logger)
    : SagaMessageConsumer<TReply>(services)
    where TReply : class, ISagaMessage
{
    /// <inheritdoc />
    protected override async Task HandleAsync(TReply message, OutboxSession unit, CancellationToken cancellationToken)
    {
        var stream = await unit.Documents.Events.FetchForWriting<ScaleOutState>(ScaleOutState.StreamKey(message.SagaId), cancellationToken);
        if (stream.Aggregate is null)
        {
            LogUnknownSaga(logger, typeof(TReply).Name, message.SagaId);
            return;
        }

        var events = ScaleOutDecider.Decide(stream.Aggregate, message, unit.Now, options.Value);
        await ScaleOutRecorder.RecordAsync(unit, stream, events, cancellationToken);
        LogDecided(logger, typeof(TReply).Name, message.SagaId, events.Count);
    }

    // Debug, not Warning: replies such as InstancesStopped also answer scale-in sagas, and every such reply reaches
    // this consumer too.
    [LoggerMessage(EventId = 2101, Level = LogLevel.Debug, Message = "Ignored {MessageType} for saga {SagaId}, which is not a scale-out saga")]
    private static partial void LogUnknownSaga(ILogger logger, string messageType, Guid sagaId);

    [LoggerMessage(EventId = 2102, Level = LogLevel.Debug, Message = "{MessageType} added {EventCount} events to scale-out saga {SagaId}")]
    private static partial void LogDecided(ILogger logger, string messageType, Guid sagaId, int eventCount);
}
