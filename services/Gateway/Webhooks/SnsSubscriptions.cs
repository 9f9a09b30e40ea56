using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace Surge.Gateway.Webhooks;

/// <summary>
/// Confirms SNS subscriptions by a GET of SubscribeURL, only when that URL names a trusted host, and remembers what
/// was done with each confirmation request since the gateway started.
/// </summary>
public sealed partial class SnsSubscriptions(IHttpClientFactory clients, IOptions<AlertSourceOptions> options, TimeProvider time, ILogger<SnsSubscriptions> logger)
{
    /// <summary>The named HttpClient confirmations use; it follows no redirects, so the trusted host is the only one called.</summary>
    public const string Client = "sns-confirmations";

    private readonly ConcurrentQueue<SnsSubscriptionRecord> records = new();

    /// <summary>The confirmation requests received since start, oldest first, at most the last 100.</summary>
    public IReadOnlyList<SnsSubscriptionRecord> Records => [.. records];

    /// <summary>Confirms the subscription a SubscriptionConfirmation requests, when allowed; throws when the URL does not respond with 2xx, so SNS sends it again.</summary>
    public async Task<SnsSubscriptionRecord> ConfirmAsync(SnsMessage message, CancellationToken cancellationToken)
    {
        var settings = options.Value.CloudWatch;
        if (!settings.ConfirmSubscriptions)
        {
            LogNotConfirmed(logger, message.TopicArn, message.SubscribeUrl ?? "");
            return Record(message, confirmed: false, "Gateway:AlertSources:CloudWatch:ConfirmSubscriptions is false; confirm the subscription in the SNS console or by visiting SubscribeURL, which the gateway logged.");
        }

        if (!TrustedHostPattern.Allows(message.SubscribeUrl, message.Region, settings.EffectiveTrustedHosts, settings.AllowHttpUrls))
        {
            LogUntrustedUrl(logger, message.TopicArn);
            return Record(message, confirmed: false, $"SubscribeURL does not name a trusted host ({string.Join(", ", settings.EffectiveTrustedHosts)}); the gateway did not call it.");
        }

        using var response = await clients.CreateClient(Client).GetAsync(message.SubscribeUrl, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            LogConfirmationFailed(logger, message.TopicArn, (int)response.StatusCode);
            throw new HttpRequestException($"SubscribeURL responded with {(int)response.StatusCode}.");
        }

        LogConfirmed(logger, message.TopicArn);
        return Record(message, confirmed: true, $"Subscribed to {message.TopicArn}.");
    }

    /// <summary>Records an UnsubscribeConfirmation; the gateway never calls its URL, as that would subscribe again.</summary>
    public SnsSubscriptionRecord Unsubscribed(SnsMessage message)
    {
        LogUnsubscribed(logger, message.TopicArn);
        return Record(message, confirmed: false, $"The subscription to {message.TopicArn} was deleted; nothing was called.");
    }

    private SnsSubscriptionRecord Record(SnsMessage message, bool confirmed, string detail)
    {
        var record = new SnsSubscriptionRecord(message.Type, message.TopicArn, message.MessageId, confirmed, detail, time.GetUtcNow());
        records.Enqueue(record);
        while (records.Count > 100)
        {
            records.TryDequeue(out _);
        }

        return record;
    }

    [LoggerMessage(EventId = 1011, Level = LogLevel.Information, Message = "Confirmed the SNS subscription to {TopicArn}")]
    private static partial void LogConfirmed(ILogger logger, string topicArn);

    [LoggerMessage(EventId = 1012, Level = LogLevel.Warning, Message = "Did not confirm the SNS subscription to {TopicArn}: confirmations are off; confirm it at {SubscribeUrl}")]
    private static partial void LogNotConfirmed(ILogger logger, string topicArn, string subscribeUrl);

    [LoggerMessage(EventId = 1013, Level = LogLevel.Warning, Message = "Did not confirm the SNS subscription to {TopicArn}: SubscribeURL names an untrusted host")]
    private static partial void LogUntrustedUrl(ILogger logger, string topicArn);

    [LoggerMessage(EventId = 1014, Level = LogLevel.Warning, Message = "Confirming the SNS subscription to {TopicArn} failed with {StatusCode}; SNS will send the request again")]
    private static partial void LogConfirmationFailed(ILogger logger, string topicArn, int statusCode);

    [LoggerMessage(EventId = 1015, Level = LogLevel.Information, Message = "The SNS subscription to {TopicArn} was deleted")]
    private static partial void LogUnsubscribed(ILogger logger, string topicArn);
}
