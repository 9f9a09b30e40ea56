using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Surge.Gateway.Authentication;
using Surge.Gateway.Routing;
using Surge.ServiceDefaults.Correlation;
using Surge.ServiceDefaults.Problems;

namespace Surge.Gateway.Audit;

/// <summary>The audit API across services.</summary>
public static class AuditEndpoints
{
    /// <summary>Maps <c>GET /api/audit/sagas/{sagaId}</c> and <c>GET /api/audit/correlations/{correlationId}</c>.</summary>
    public static IEndpointRouteBuilder MapAuditEndpoints(this IEndpointRouteBuilder routes)
    {
        var audit = routes.MapGroup("/api/audit").WithTags("Audit").RequireAuthorization(GatewayRoles.ReadPolicy);
        audit.MapGet("/sagas/{sagaId:guid}", GetSagaEvents).WithSummary("Events of one saga's stream, in order.");
        audit.MapGet("/correlations/{correlationId}", GetCorrelationTimeline).WithSummary("Events of every service that carry one correlation id, merged by time.");
        return routes;
    }

    /// <summary>Relays the saga's stream from Capacity, scale-out or scale-in, including its 404.</summary>
    public static async Task<UpstreamResponse> GetSagaEvents(Guid sagaId, ServiceClient services, HttpContext http, CancellationToken cancellationToken)
    {
        try
        {
            // A saga id names a scale-out or a scale-in stream; the id is unique across both kinds.
            using var scaleOut = await services.SendAsync("capacity", HttpMethod.Get, $"/audit/streams/scale-out/{sagaId}", null, http.GetCorrelationId(), cancellationToken);
            if (scaleOut.StatusCode != System.Net.HttpStatusCode.NotFound)
            {
                return await UpstreamResponse.ReadAsync(scaleOut, cancellationToken);
            }

            using var scaleIn = await services.SendAsync("capacity", HttpMethod.Get, $"/audit/streams/scale-in/{sagaId}", null, http.GetCorrelationId(), cancellationToken);
            return await UpstreamResponse.ReadAsync(scaleIn, cancellationToken);
        }
        catch (HttpRequestException exception)
        {
            throw new DependencyUnavailableException("capacity", exception);
        }
    }

    /// <summary>Returns the merged timeline; 503 naming the service when one does not answer.</summary>
    public static async Task<Ok<IReadOnlyList<JsonElement>>> GetCorrelationTimeline(string correlationId, AuditTimeline timeline, CancellationToken cancellationToken)
    {
        if (!CorrelationContext.IsAcceptable(correlationId))
        {
            throw new RequestValidationException("correlationId", $"correlationId may hold only letters, digits, '-', '_', '.' and ':', at most {CorrelationContext.MaxLength} characters.");
        }

        return TypedResults.Ok(await timeline.ForCorrelationAsync(correlationId, cancellationToken));
    }
}
