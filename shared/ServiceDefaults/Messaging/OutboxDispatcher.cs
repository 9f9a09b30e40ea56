using Marten;
using MassTransit;
using Microsoft.Extensions.Logging;
using Surge.Contracts;

namespace Surge.ServiceDefaults.Messaging;

/// <summary>Publishes committed outbox messages to the broker and removes the ones it published.</summary>
public sealed partial class OutboxDispatcher(IBus bus, IDocumentStore store, ILogger<OutboxDispatcher> logger)
{
    /// <summary>Publishes the messages in order; stops at the first failure and leaves the rest for the relay.</summary>
    public async Task DispatchAsync(IReadOnlyCollection<OutboxMessage> messages, CancellationToken cancellationToken)
    {
        if (messages.Count == 0)
        {
            return;
        }

        var published = new List<Guid>(messages.Count);
        foreach (var message in messages)
        {
            try
            {
                await PublishAsync(message, cancellationToken);
                published.Add(message.Id);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                LogPublishFailed(logger, exception, message.Id, message.MessageType);
                break;
            }
        }

        await RemoveAsync(published, cancellationToken);
    }

    private Task PublishAsync(OutboxMessage entry, CancellationToken cancellationToken)
    {
        var (type, message) = entry.Restore();
        return bus.Publish(message, type, Pipe.Execute<PublishContext>(context =>
        {
            context.MessageId = entry.Id;
            context.Headers.Set(SurgeHeaders.CorrelationId, entry.CorrelationId);
            if (entry.CausationId is not null)
            {
                context.Headers.Set(SurgeHeaders.CausationId, entry.CausationId);
            }
        }), cancellationToken);
    }

    private async Task RemoveAsync(List<Guid> published, CancellationToken cancellationToken)
    {
        if (published.Count == 0)
        {
            return;
        }

        try
        {
            await using var session = store.LightweightSession();
            foreach (var id in published)
            {
                session.Delete<OutboxMessage>(id);
            }

            await session.SaveChangesAsync(cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // The messages went out; the relay will publish them again and the receivers' inboxes drop the copies.
            LogRemoveFailed(logger, exception, published.Count);
        }
    }

    [LoggerMessage(EventId = 101, Level = LogLevel.Warning, Message = "Publishing outbox message {MessageId} of type {MessageType} failed; the relay will retry it")]
    private static partial void LogPublishFailed(ILogger logger, Exception exception, Guid messageId, string messageType);

    [LoggerMessage(EventId = 102, Level = LogLevel.Warning, Message = "Removing {Count} published outbox messages failed; they will be published again and dropped by the receivers' inboxes")]
    private static partial void LogRemoveFailed(ILogger logger, Exception exception, int count);
}
