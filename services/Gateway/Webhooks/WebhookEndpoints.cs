using Surge.Gateway.Authentication;
using Surge.Gateway.Routing;
using Surge.ServiceDefaults.Correlation;

namespace Surge.Gateway.Webhooks;

/// <summary>Webhook intake for alarm systems.</summary>
public static partial class WebhookEndpoints
{
    /// <summary>Maps <c>POST /webhooks/alertmanager</c>.</summary>
    public static IEndpointRouteBuilder MapWebhookEndpoints(this IEndpointRouteBuilder routes)
    {
        var webhooks = routes.MapGroup("/webhooks").WithTags("Webhooks").RequireAuthorization(GatewayRoles.SendAlertsPolicy);
        webhooks.MapPost("/alertmanager", ReceiveAlertmanager)
            .Accepts<object>("application/json")
            .WithSummary("Receives a Prometheus Alertmanager webhook (version 4) and starts a scale-out per matched incident.");
        return routes;
    }

    /// <summary>Parses the body and forwards it; returns Capacity's 202 or 400, or 503 when Capacity does not answer.</summary>
    public static async Task<UpstreamResponse> ReceiveAlertmanager(HttpContext http, AlertForwarder forwarder, ILogger<AlertForwarder> logger, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        await http.Request.Body.CopyToAsync(buffer, cancellationToken);
        var notification = AlertmanagerParser.Parse(buffer.GetBuffer().AsSpan(0, (int)buffer.Length));

        LogReceived(logger, notification.Alerts.Count, notification.Receiver ?? "", http.Request.Headers.UserAgent.ToString());
        return await forwarder.ForwardAsync(notification, http.GetCorrelationId(), cancellationToken);
    }

    [LoggerMessage(EventId = 1001, Level = LogLevel.Information, Message = "Alertmanager notification with {AlertCount} alerts for receiver {Receiver} from {UserAgent}")]
    private static partial void LogReceived(ILogger logger, int alertCount, string receiver, string userAgent);
}
