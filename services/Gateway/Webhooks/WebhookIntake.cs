using Surge.Contracts.Alerts;
using Surge.ServiceDefaults.Correlation;

namespace Surge.Gateway.Webhooks;

/// <summary>Responds to a parsed notification: forwards its alerts to Capacity, or responds itself when the gateway ignored every alert.</summary>
public sealed partial class WebhookIntake(AlertForwarder forwarder, ILogger<WebhookIntake> logger)
{
    /// <summary>Returns Capacity's response (202, 400 or 503), or 200 with the ignored outcomes when nothing needs Capacity.</summary>
    public async Task<IResult> AnswerAsync(HttpContext http, ParsedWebhook parsed, CancellationToken cancellationToken)
    {
        var notification = parsed.Notification;
        LogReceived(logger, notification?.Source ?? "ignored", (notification?.Alerts.Count ?? 0) + parsed.Ignored.Count, notification?.Receiver ?? "", parsed.Note ?? "", http.Request.Headers.UserAgent.ToString());
        if (parsed.TruncatedAlerts > 0)
        {
            LogTruncated(logger, parsed.TruncatedAlerts);
        }

        if (notification is null || notification.Alerts.Count == 0)
        {
            foreach (var outcome in parsed.Ignored)
            {
                LogIgnored(logger, outcome.Fingerprint, outcome.Detail);
            }

            return TypedResults.Ok(new AlertIntakeResult(parsed.Ignored));
        }

        return await forwarder.ForwardAsync(notification, http.GetCorrelationId(), cancellationToken);
    }

    [LoggerMessage(EventId = 1001, Level = LogLevel.Information, Message = "{Source} notification with {AlertCount} alerts for receiver {Receiver} ({Note}) from {UserAgent}")]
    private static partial void LogReceived(ILogger logger, string source, int alertCount, string receiver, string note, string userAgent);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Warning, Message = "The sender dropped {TruncatedAlerts} alerts from the notification because of its own limit; they come with its next notification")]
    private static partial void LogTruncated(ILogger logger, long truncatedAlerts);

    [LoggerMessage(EventId = 1003, Level = LogLevel.Information, Message = "Ignored alert {Fingerprint}: {Reason}")]
    private static partial void LogIgnored(ILogger logger, string fingerprint, string reason);
}
