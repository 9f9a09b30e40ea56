using MassTransit;
using Microsoft.Extensions.Logging;
using Surge.Contracts;

namespace Surge.ServiceDefaults.Messaging;

/// <summary>
/// A thin MassTransit consumer that handles each message once, in one transaction: it takes the aggregate's partition
/// lock, skips a message its inbox already holds, lets the subclass load, decide and append, then commits the changes,
/// the inbox entry and the outgoing messages together.
/// </summary>
/// <remarks>
/// A version conflict with another process throws from the commit; the endpoint's retry policy redelivers the message,
/// which then sees the other process's events.
/// </remarks>
public abstract partial class TransactionalConsumer<TMessage>(ConsumerServices services) : IConsumer<TMessage>
    where TMessage : class
{
    private readonly ILogger logger = services.Loggers.CreateLogger("Surge.Messaging." + typeof(TMessage).Name);

    /// <inheritdoc />
    public async Task Consume(ConsumeContext<TMessage> context)
    {
        var messageId = context.MessageId ?? throw new InvalidOperationException($"A {typeof(TMessage).Name} arrived without a message id.");
        var correlationId = context.Headers.Get<string>(SurgeHeaders.CorrelationId) ?? messageId.ToString("N");
        var partitionKey = PartitionKey(context.Message);
        var inboxKey = $"{GetType().Name}/{messageId:N}";

        using var scope = logger.BeginScope(new Dictionary<string, object>
        {
            ["CorrelationId"] = correlationId,
            ["MessageId"] = messageId,
            ["PartitionKey"] = partitionKey,
        });
        using var partition = await services.Locks.AcquireAsync(partitionKey, context.CancellationToken);
        await using var unit = services.Sessions.Open(correlationId, messageId.ToString("N"), typeof(TMessage).Name);

        if (await unit.Documents.LoadAsync<InboxEntry>(inboxKey, context.CancellationToken) is not null)
        {
            LogDuplicate(logger, typeof(TMessage).Name, messageId);
            return;
        }

        services.CrashHook.BeforeHandling(typeof(TMessage).Name);
        unit.Documents.Insert(new InboxEntry(inboxKey, unit.Now));
        await HandleAsync(context.Message, unit, context.CancellationToken);
        await unit.CommitAsync(context.CancellationToken);
    }

    /// <summary>Returns the key of the aggregate the message changes; messages with the same key are handled one at a time.</summary>
    protected abstract string PartitionKey(TMessage message);

    /// <summary>Loads what the message needs, decides, and records events and outgoing messages in <paramref name="unit"/>.</summary>
    protected abstract Task HandleAsync(TMessage message, OutboxSession unit, CancellationToken cancellationToken);

    [LoggerMessage(EventId = 121, Level = LogLevel.Information, Message = "Skipped {MessageType} {MessageId}: it was already handled")]
    private static partial void LogDuplicate(ILogger logger, string messageType, Guid messageId);
}
