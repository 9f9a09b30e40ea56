using Microsoft.AspNetCore.Http.HttpResults;
using Surge.Contracts.Alerts;
using Surge.ServiceDefaults.Correlation;

namespace Surge.Capacity.Alerts;

/// <summary>HTTP intake of normalised alert notifications; the gateway parses each alarm system's format into this.</summary>
public static class AlertEndpoints
{
    /// <summary>Maps <c>POST /alerts</c>.</summary>
    public static IEndpointRouteBuilder MapAlertEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapPost("/alerts", ReceiveAlerts)
            .WithTags("Alerts")
            .WithSummary("Matches each alert to a policy and starts, deduplicates, declines or ignores a scale-out.");
        return routes;
    }

    /// <summary>Returns 202 with each alert's outcome; 400 when any alert names no known service, storing nothing.</summary>
    public static async Task<Accepted<AlertIntakeResult>> ReceiveAlerts(AlertNotification notification, AlertIntake intake, HttpContext http, CancellationToken cancellationToken) =>
        TypedResults.Accepted((string?)null, await intake.HandleAsync(notification, http.GetCorrelationId(), cancellationToken));
}
