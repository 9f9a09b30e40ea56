namespace Surge.ServiceDefaults.Messaging;

/// <summary>Records that a consumer handled a message, stored in the transaction of that handling.</summary>
/// <remarks>The id is the consumer's name and the message id, so two consumers of one message each handle it once.</remarks>
public sealed record InboxEntry(string Id, DateTimeOffset HandledAt);
