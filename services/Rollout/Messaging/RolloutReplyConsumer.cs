using Microsoft.Extensions.Options;
using Surge.Contracts;
using Surge.Rollout.Saga;
using Surge.Rollout.Storage;
using Surge.ServiceDefaults.Messaging;

namespace Surge.Rollout.Messaging;

/// <summary>Handles a participant's reply to a rollout: load the rollout, decide, record.</summary>
public sealed partial class RolloutReplyConsumer<TReply>(ConsumerServices services, IOptions<RolloutOptions> options, ILogger<RolloutReplyConsumer<TReply>> logger)
    : SagaMessageConsumer<TReply>(services)
    where TReply : class, ISagaMessage
{
    /// <inheritdoc />
    protected override async Task HandleAsync(TReply message, OutboxSession unit, CancellationToken cancellationToken)
    {
        var stream = await unit.Documents.Events.FetchForWriting<RolloutState>(RolloutState.StreamKey(message.SagaId), cancellationToken);
        if (stream.Aggregate is null)
        {
            LogUnknownRollout(logger, typeof(TReply).Name, message.SagaId);
            return;
        }

        var events = RolloutDecider.Decide(stream.Aggregate, message, unit.Now, options.Value);
        var after = RolloutRecorder.Record(unit, stream, events);
        LogDecided(logger, typeof(TReply).Name, message.SagaId, events.Count);
        if (after.IsFinished && !stream.Aggregate.IsFinished)
        {
            LogFinished(logger, message.SagaId, after.Service, after.Status);
        }
    }

    // Debug, not Warning: other services' sagas receive the same reply types, and every such reply reaches this
    // consumer as well.
    [LoggerMessage(EventId = LogEventIds.ReplyConsumer, Level = LogLevel.Debug, Message = "Ignored {MessageType} for saga {SagaId}, which is not a rollout")]
    private static partial void LogUnknownRollout(ILogger logger, string messageType, Guid sagaId);

    [LoggerMessage(EventId = LogEventIds.ReplyConsumer + 1, Level = LogLevel.Debug, Message = "{MessageType} added {EventCount} events to rollout {SagaId}")]
    private static partial void LogDecided(ILogger logger, string messageType, Guid sagaId, int eventCount);

    [LoggerMessage(EventId = LogEventIds.ReplyConsumer + 2, Level = LogLevel.Information, Message = "Rollout {SagaId} of {Service} finished as {Status}")]
    private static partial void LogFinished(ILogger logger, Guid sagaId, string service, RolloutStatus status);
}
