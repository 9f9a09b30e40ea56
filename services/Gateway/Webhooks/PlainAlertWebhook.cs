using Microsoft.Extensions.Options;

namespace Surge.Gateway.Webhooks;

/// <summary>The route of Surge's own JSON form: a gateway API key, then the form.</summary>
public static class PlainAlertWebhook
{
    private static readonly string[] ContentTypes = ["application/json"];

    /// <summary>Reads, parses and forwards the notification.</summary>
    public static async Task<IResult> ReceiveAsync(HttpContext http, WebhookIntake intake, IOptions<AlertSourceOptions> options, CancellationToken cancellationToken)
    {
        var body = await WebhookBody.ReadAsync(http.Request, options.Value.MaxBodyBytes, ContentTypes, cancellationToken);
        return await intake.AnswerAsync(http, PlainAlertParser.Read(body), cancellationToken);
    }
}
