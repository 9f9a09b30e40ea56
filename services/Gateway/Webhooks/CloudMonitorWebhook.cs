using Microsoft.Extensions.Options;

namespace Surge.Gateway.Webhooks;

/// <summary>The CloudMonitor route: the shared secret in the query, then the form-encoded callback.</summary>
public static class CloudMonitorWebhook
{
    private static readonly string[] ContentTypes = ["application/x-www-form-urlencoded"];

    /// <summary>Checks the secret, then reads, parses and forwards the callback.</summary>
    public static async Task<IResult> ReceiveAsync(HttpContext http, WebhookIntake intake, IOptions<AlertSourceOptions> options, TimeProvider time, CancellationToken cancellationToken)
    {
        var settings = options.Value.CloudMonitor;
        if (!settings.Enabled)
        {
            throw new WebhookRejection(StatusCodes.Status404NotFound, "This alert source is off.", "Gateway:AlertSources:CloudMonitor:Enabled", "CloudMonitor intake is off; set Gateway:AlertSources:CloudMonitor:Enabled to true and a Secret.");
        }

        if (CloudMonitorSecret.Check(settings, http.Request.Query) is { Succeeded: false } failed)
        {
            throw WebhookRejection.Unauthorized(settings.SecretParameter, failed.Failure!);
        }

        var body = await WebhookBody.ReadAsync(http.Request, options.Value.MaxBodyBytes, ContentTypes, cancellationToken);
        var parsed = CloudMonitorParser.Read(body);
        if (parsed.SentAt is { } sentAt && (time.GetUtcNow() - sentAt).Duration() > settings.MaxCallbackAge)
        {
            throw WebhookRejection.Unauthorized("timestamp", $"The callback's timestamp {sentAt:O} is more than {settings.MaxCallbackAge} from the gateway's clock; it is a replay or a clock is wrong.");
        }

        return await intake.AnswerAsync(http, parsed, cancellationToken);
    }
}
