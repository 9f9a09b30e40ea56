using Marten;
using MassTransit;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Surge.Contracts;

namespace Surge.ServiceDefaults.Messaging;

/// <summary>Publishes committed outbox messages to the broker and removes the ones it published.</summary>
public sealed partial class OutboxDispatcher(IBus bus, IDocumentStore store, IOptions<OutboxOptions> options, ILogger<OutboxDispatcher> logger)
{
    /// <summary>Publishes the messages in order; stops at the first failure and leaves the rest for the relay.</summary>
    public Task DispatchAsync(IReadOnlyCollection<OutboxMessage> messages, CancellationToken cancellationToken) =>
        DispatchAsync(messages, patience: null, cancellationToken);

    /// <summary>
    /// Hands messages that were just committed to the broker, waiting at most <see cref="OutboxOptions.HandOffTimeout"/>.
    /// The caller responds to a request or acknowledges a message right after this, so a broker that is down delays
    /// the messages but not the caller. The relay publishes whatever the hand-off left.
    /// </summary>
    public Task HandOffAsync(IReadOnlyCollection<OutboxMessage> messages) =>
        DispatchAsync(messages, options.Value.HandOffTimeout, CancellationToken.None);

    private async Task DispatchAsync(IReadOnlyCollection<OutboxMessage> messages, TimeSpan? patience, CancellationToken cancellationToken)
    {
        if (messages.Count == 0)
        {
            return;
        }

        using var publishing = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        if (patience is { } timeout)
        {
            publishing.CancelAfter(timeout);
        }

        var published = new List<Guid>(messages.Count);
        foreach (var message in messages)
        {
            try
            {
                await PublishAsync(message, publishing.Token);
                published.Add(message.Id);
            }
            catch (OperationCanceledException) when (patience is not null && !cancellationToken.IsCancellationRequested)
            {
                LogHandOffTimedOut(logger, messages.Count - published.Count, patience.Value);
                break;
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                LogPublishFailed(logger, exception, message.Id, message.MessageType);
                break;
            }
        }

        // The removal gets no time limit because the messages in the list were already published.
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

    [LoggerMessage(EventId = 103, Level = LogLevel.Warning, Message = "The broker did not accept outbox messages within {Timeout}; {Count} left for the relay, which publishes them once it does")]
    private static partial void LogHandOffTimedOut(ILogger logger, int count, TimeSpan timeout);

    [LoggerMessage(EventId = 102, Level = LogLevel.Warning, Message = "Removing {Count} published outbox messages failed; they will be published again and dropped by the receivers' inboxes")]
    private static partial void LogRemoveFailed(ILogger logger, Exception exception, int count);
}
