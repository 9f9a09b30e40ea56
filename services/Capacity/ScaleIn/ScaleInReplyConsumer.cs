using Microsoft.Extensions.Options;
using Surge.Capacity.ScaleOut;
using Surge.Contracts;
using Surge.ServiceDefaults.Messaging;

namespace Surge.Capacity.ScaleIn;

/// <summary>Handles a participant's reply to a scale-in saga: load the saga, decide, record.</summary>
/// <remarks>
/// Replies such as <c>InstancesStopped</c> also reach scale-out sagas, and the consumers of both kinds receive every
/// one, so a reply for a saga of the other kind is skipped without a warning.
/// </remarks>
public sealed partial class ScaleInReplyConsumer<TReply>(
    ConsumerServices services,
    IOptions<SagaOptions> sagaOptions,
    IOptions<ScaleInOptions> scaleInOptions,
    ILogger<ScaleInReplyConsumer<TReply>> logger)
    : SagaMessageConsumer<TReply>(services)
    where TReply : class, ISagaMessage
{
    /// <inheritdoc />
    protected override async Task HandleAsync(TReply message, OutboxSession unit, CancellationToken cancellationToken)
    {
        var stream = await unit.Documents.Events.FetchForWriting<ScaleInState>(ScaleInState.StreamKey(message.SagaId), cancellationToken);
        if (stream.Aggregate is null)
        {
            return;
        }

        var timeouts = ScaleInTimeouts.From(sagaOptions.Value, scaleInOptions.Value);
        var events = ScaleInDecider.Decide(stream.Aggregate, message, unit.Now, timeouts);
        await ScaleInRecorder.RecordAsync(unit, stream, events, cancellationToken);
        LogDecided(logger, typeof(TReply).Name, message.SagaId, events.Count);
        if (events.OfType<ScaleInCompleted>().FirstOrDefault() is { } completed)
        {
            LogCompleted(logger, message.SagaId, stream.Aggregate.Service, completed.InstanceCount);
        }
        else if (events.OfType<ScaleInFailed>().Any())
        {
            LogFailed(logger, message.SagaId, stream.Aggregate.Service);
        }
    }

    [LoggerMessage(EventId = 2502, Level = LogLevel.Debug, Message = "{MessageType} added {EventCount} events to scale-in saga {SagaId}")]
    private static partial void LogDecided(ILogger logger, string messageType, Guid sagaId, int eventCount);

    [LoggerMessage(EventId = 2503, Level = LogLevel.Information, Message = "Scale-in saga {SagaId} removed {Count} instances of {Service}")]
    private static partial void LogCompleted(ILogger logger, Guid sagaId, string service, int count);

    [LoggerMessage(EventId = 2504, Level = LogLevel.Warning, Message = "Scale-in saga {SagaId} of {Service} ended as failed; its view lists the failed steps")]
    private static partial void LogFailed(ILogger logger, Guid sagaId, string service);
}
