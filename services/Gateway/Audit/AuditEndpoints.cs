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

    /// <summary>Relays the saga's stream: a scale-out or scale-in from Capacity, or a rollout from Rollout, including the last 404.</summary>
    public static async Task<UpstreamResponse> GetSagaEvents(Guid sagaId, ServiceClient services, HttpContext http, CancellationToken cancellationToken)
    {
        // A saga id names a scale-out, a scale-in or a rollout stream, because the ids are unique across all kinds.
        (string Service, string Path)[] streams =
        [
            ("capacity", $"/audit/streams/scale-out/{sagaId}"),
            ("capacity", $"/audit/streams/scale-in/{sagaId}"),
            ("rollout", $"/audit/streams/rollout/{sagaId}"),
        ];

        UpstreamResponse? found = null;
        foreach (var (service, path) in streams)
        {
            found = await GetStreamAsync(services, service, path, http.GetCorrelationId(), cancellationToken);
            if (found.StatusCode != StatusCodes.Status404NotFound)
            {
                return found;
            }
        }

        return found!;
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

    private static async Task<UpstreamResponse> GetStreamAsync(ServiceClient services, string service, string path, string correlationId, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await services.SendAsync(service, HttpMethod.Get, path, null, correlationId, cancellationToken);
            return await UpstreamResponse.ReadAsync(response, cancellationToken);
        }
        catch (HttpRequestException exception)
        {
            throw new DependencyUnavailableException(service, exception);
        }
    }
}
