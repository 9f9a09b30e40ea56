using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;
using Surge.Gateway.Authentication;

namespace Surge.Gateway.Webhooks;

/// <summary>The Grafana route: the contact point's HMAC signature when a secret is configured, otherwise a gateway API key.</summary>
public static class GrafanaWebhook
{
    private static readonly string[] ContentTypes = ["application/json"];

    /// <summary>Checks the credentials, then reads, parses and forwards the notification.</summary>
    public static async Task<IResult> ReceiveAsync(HttpContext http, WebhookIntake intake, IOptions<AlertSourceOptions> options, IAuthorizationService authorization, TimeProvider time, CancellationToken cancellationToken)
    {
        var grafana = options.Value.Grafana;
        var signed = !string.IsNullOrEmpty(grafana.HmacSecret);
        if (!signed && await ApiKeyResultAsync(http, authorization) is { } refused)
        {
            return refused;
        }

        var body = await WebhookBody.ReadAsync(http.Request, options.Value.MaxBodyBytes, ContentTypes, cancellationToken);
        if (signed && GrafanaSignature.Check(grafana, http.Request.Headers, body, time.GetUtcNow()) is { Succeeded: false } check)
        {
            throw WebhookRejection.Unauthorized(grafana.SignatureHeader, check.Failure!);
        }

        return await intake.AnswerAsync(http, GrafanaParser.Read(body), cancellationToken);
    }

    // Without an HMAC secret Grafana authenticates like Alertmanager; the same policy decides, and the API key
    // scheme writes the 401 challenge or the 403.
    private static async Task<IResult?> ApiKeyResultAsync(HttpContext http, IAuthorizationService authorization)
    {
        var result = await authorization.AuthorizeAsync(http.User, GatewayRoles.SendAlertsPolicy);
        if (result.Succeeded)
        {
            return null;
        }

        return http.User.Identity?.IsAuthenticated == true ? TypedResults.Forbid() : TypedResults.Challenge();
    }
}
