using Microsoft.Extensions.Options;

namespace Surge.Gateway.Webhooks;

/// <summary>The Alertmanager route: a gateway API key, then the version 4 body.</summary>
public static class AlertmanagerWebhook
{
    private static readonly string[] ContentTypes = ["application/json"];

    /// <summary>Reads, parses and forwards the notification.</summary>
    public static async Task<IResult> ReceiveAsync(HttpContext http, WebhookIntake intake, IOptions<AlertSourceOptions> options, CancellationToken cancellationToken)
    {
        var body = await WebhookBody.ReadAsync(http.Request, options.Value.MaxBodyBytes, ContentTypes, cancellationToken);
        return await intake.AnswerAsync(http, AlertmanagerParser.Read(body), cancellationToken);
    }
}
