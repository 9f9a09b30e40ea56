namespace Surge.Gateway.Webhooks;

/// <summary>
/// An Amazon SNS message as SNS posts it to an HTTP subscriber. Which fields are set depends on <see cref="Type"/>:
/// a <c>Notification</c> carries <see cref="Subject"/> and <see cref="UnsubscribeUrl"/>; a <c>SubscriptionConfirmation</c>
/// or <c>UnsubscribeConfirmation</c> carries <see cref="Token"/> and <see cref="SubscribeUrl"/>.
/// </summary>
public sealed record SnsMessage(
    string Type,
    string MessageId,
    string TopicArn,
    string Message,
    string Timestamp,
    string SignatureVersion,
    string Signature,
    string SigningCertUrl,
    string? Subject = null,
    string? Token = null,
    string? SubscribeUrl = null,
    string? UnsubscribeUrl = null)
{
    /// <summary>The type of a message that carries an alarm.</summary>
    public const string Notification = "Notification";

    /// <summary>The type of the message SNS sends once when the subscription is created.</summary>
    public const string SubscriptionConfirmation = "SubscriptionConfirmation";

    /// <summary>The type of the message SNS sends when the subscription is deleted.</summary>
    public const string UnsubscribeConfirmation = "UnsubscribeConfirmation";

    /// <summary>The region of the topic, the fourth part of its ARN (<c>arn:aws:sns:REGION:ACCOUNT:NAME</c>), or null.</summary>
    public string? Region => TopicArn.Split(':') is { Length: 6 } parts && parts[3].Length > 0 ? parts[3] : null;

    /// <summary>The account that owns the topic, the fifth part of its ARN, or null.</summary>
    public string? Account => TopicArn.Split(':') is { Length: 6 } parts && parts[4].Length > 0 ? parts[4] : null;
}
