using System.Text.Json;

namespace Surge.ServiceDefaults.Messaging;

/// <summary>A message stored in the same transaction as the state change that caused it, published after the commit.</summary>
public sealed class OutboxMessage
{
    /// <summary>The message id; it becomes the transport message id, so a second publish is recognised by the receiver's inbox.</summary>
    public Guid Id { get; set; }

    /// <summary>The assembly-qualified name of the message's contract type.</summary>
    public string MessageType { get; set; } = "";

    /// <summary>The message serialised as JSON.</summary>
    public string Payload { get; set; } = "";

    /// <summary>The correlation id the message carries.</summary>
    public string CorrelationId { get; set; } = "";

    /// <summary>The id of the message whose handling produced this one, if any.</summary>
    public string? CausationId { get; set; }

    /// <summary>When the message was stored.</summary>
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Creates an outbox entry for a contract message.</summary>
    public static OutboxMessage Create(object message, string correlationId, string? causationId, DateTimeOffset now)
    {
        var type = message.GetType();
        return new OutboxMessage
        {
            Id = Guid.CreateVersion7(now),
            MessageType = $"{type.FullName}, {type.Assembly.GetName().Name}",
            Payload = JsonSerializer.Serialize(message, type, JsonSerializerOptions.Web),
            CorrelationId = correlationId,
            CausationId = causationId,
            CreatedAt = now,
        };
    }

    /// <summary>Returns the contract type and the deserialised message.</summary>
    public (Type Type, object Message) Restore()
    {
        var type = Type.GetType(MessageType, throwOnError: true)!;
        var message = JsonSerializer.Deserialize(Payload, type, JsonSerializerOptions.Web)
            ?? throw new InvalidOperationException($"Outbox message {Id} of type {MessageType} has an empty payload.");
        return (type, message);
    }
}
