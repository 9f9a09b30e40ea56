namespace Surge.Gateway.Webhooks;

/// <summary>Log messages shared by the webhook routes.</summary>
public static partial class WebhookLog
{
    /// <summary>Logs a refused notification; the reason never contains a credential.</summary>
    [LoggerMessage(EventId = 1004, Level = LogLevel.Warning, Message = "Refused a notification with {StatusCode} at {Path}: {Reason}")]
    public static partial void Rejected(ILogger logger, int statusCode, string path, string reason);
}
