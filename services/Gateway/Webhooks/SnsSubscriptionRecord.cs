namespace Surge.Gateway.Webhooks;

/// <summary>What the gateway did with one subscription message.</summary>
/// <param name="Type">SubscriptionConfirmation or UnsubscribeConfirmation.</param>
/// <param name="TopicArn">The topic.</param>
/// <param name="MessageId">The SNS message id.</param>
/// <param name="Confirmed">Whether the gateway confirmed the subscription.</param>
/// <param name="Detail">A sentence that explains what was done.</param>
/// <param name="At">When the gateway handled it.</param>
public sealed record SnsSubscriptionRecord(string Type, string TopicArn, string MessageId, bool Confirmed, string Detail, DateTimeOffset At);
