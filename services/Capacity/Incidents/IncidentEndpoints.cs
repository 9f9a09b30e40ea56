using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Surge.ServiceDefaults.Problems;

namespace Surge.Capacity.Incidents;

/// <summary>HTTP API that shows alert incidents; each one's decisions are the events of its stream under <c>/audit/streams/alert/{alertId}</c>.</summary>
public static class IncidentEndpoints
{
    /// <summary>The most incidents one list returns.</summary>
    public const int Limit = 200;

    /// <summary>Maps <c>GET /incidents</c> and <c>GET /incidents/{alertId}</c>.</summary>
    public static IEndpointRouteBuilder MapIncidentEndpoints(this IEndpointRouteBuilder routes)
    {
        var incidents = routes.MapGroup("/incidents").WithTags("Incidents");
        incidents.MapGet("/", ListIncidents).WithSummary("Lists the alerts of a service with their latest incident, most recently changed first.");
        incidents.MapGet("/{alertId:guid}", GetIncident).WithSummary("Returns one alert with its latest incident.");
        return routes;
    }

    /// <summary>Lists at most <see cref="Limit"/> alerts of <paramref name="service"/>, optionally only those with <paramref name="status"/>.</summary>
    public static async Task<Ok<IReadOnlyList<IncidentState>>> ListIncidents(string? service, string? status, IQuerySession session, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(service))
        {
            throw new RequestValidationException("service", "service is missing. Name the service whose incidents to list, such as ?service=feed-api.");
        }

        IQueryable<IncidentState> query = session.Query<IncidentState>().Where(incident => incident.Service == service);
        if (status is not null)
        {
            if (!Enum.TryParse<IncidentStatus>(status, ignoreCase: true, out var parsed))
            {
                throw new RequestValidationException("status", $"status '{status}' is unknown. Use one of: {string.Join(", ", Enum.GetNames<IncidentStatus>())}.");
            }

            query = query.Where(incident => incident.Status == parsed);
        }

        var incidents = await query.OrderByDescending(incident => incident.UpdatedAt).Take(Limit).ToListAsync(cancellationToken);
        return TypedResults.Ok<IReadOnlyList<IncidentState>>(incidents);
    }

    /// <summary>Returns one alert's state, or 404.</summary>
    public static async Task<Ok<IncidentState>> GetIncident(Guid alertId, IQuerySession session, CancellationToken cancellationToken) =>
        TypedResults.Ok(await session.LoadAsync<IncidentState>(IncidentState.StreamKey(alertId), cancellationToken)
            ?? throw new ResourceNotFoundException("Incident", alertId.ToString()));
}
