using Surge.Contracts.Alerts;
using Surge.Gateway.Authentication;

namespace Surge.Gateway.Webhooks;

/// <summary>Webhook intake for alarm systems, one route per source.</summary>
public static class WebhookEndpoints
{
    /// <summary>Maps <c>POST /webhooks/{alertmanager,grafana,cloudwatch,cloudmonitor,json}</c>.</summary>
    public static IEndpointRouteBuilder MapWebhookEndpoints(this IEndpointRouteBuilder routes)
    {
        // Each source authenticates its own way, so the group has no policy, and the routes that use gateway API keys
        // require them one by one. The routes declare no Accepts metadata, because routing would then reject a wrong
        // content type with a bare 415. The route's own check names the accepted types instead.
        var webhooks = routes.MapGroup("/webhooks").WithTags("Webhooks").AddEndpointFilter(AnswerRejections);

        webhooks.MapPost("/alertmanager", AlertmanagerWebhook.ReceiveAsync)
            .RequireAuthorization(GatewayRoles.SendAlertsPolicy)
            .WithDescription("Content-Type: application/json.")
            .Produces<AlertIntakeResult>(StatusCodes.Status202Accepted)
            .WithSummary("Receives a Prometheus Alertmanager webhook (version 4) and starts a scale-out per matched incident. Authenticate with a gateway API key as bearer token or basic password.");
        webhooks.MapPost("/grafana", GrafanaWebhook.ReceiveAsync)
            .WithDescription("Content-Type: application/json.")
            .Produces<AlertIntakeResult>(StatusCodes.Status202Accepted)
            .WithSummary("Receives a Grafana-managed alerting webhook (version 1). Authenticate with the contact point's HMAC signature when Gateway:AlertSources:Grafana:HmacSecret is set, otherwise with a gateway API key.");
        webhooks.MapPost("/cloudwatch", CloudWatchWebhook.ReceiveAsync)
            .WithDescription("Content-Type: text/plain or application/json.")
            .Produces<AlertIntakeResult>(StatusCodes.Status202Accepted)
            .Produces<SnsSubscriptionRecord>(StatusCodes.Status200OK)
            .WithSummary("Receives Amazon SNS HTTP messages carrying CloudWatch alarms, and confirms the subscription. Authenticated by the SNS message signature.");
        webhooks.MapGet("/cloudwatch/subscriptions", CloudWatchWebhook.ListSubscriptions)
            .RequireAuthorization(GatewayRoles.ReadPolicy)
            .WithSummary("Lists the SNS subscription requests the gateway handled since it started, and whether it confirmed each.");
        webhooks.MapPost("/cloudmonitor", CloudMonitorWebhook.ReceiveAsync)
            .WithDescription("Content-Type: application/x-www-form-urlencoded.")
            .Produces<AlertIntakeResult>(StatusCodes.Status202Accepted)
            .WithSummary("Receives an Alibaba Cloud CloudMonitor threshold alert callback. Authenticated by the shared secret in the callback URL's query.");
        webhooks.MapPost("/json", PlainAlertWebhook.ReceiveAsync)
            .RequireAuthorization(GatewayRoles.SendAlertsPolicy)
            .WithDescription("Content-Type: application/json.")
            .Produces<AlertIntakeResult>(StatusCodes.Status202Accepted)
            .WithSummary("Receives alerts in Surge's own JSON form, for monitoring systems without a dedicated route. Authenticate with a gateway API key.");
        return routes;
    }

    private static async ValueTask<object?> AnswerRejections(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        try
        {
            return await next(context);
        }
        catch (WebhookRejection rejection)
        {
            WebhookLog.Rejected(context.HttpContext.RequestServices.GetRequiredService<ILogger<WebhookRejection>>(), rejection.Status, context.HttpContext.Request.Path, rejection.Message);
            return rejection.ToResult();
        }
    }
}
