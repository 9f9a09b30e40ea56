using Marten;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using Surge.ServiceDefaults.Options;
using Surge.ServiceDefaults.Problems;

namespace Surge.ServiceDefaults.Audit;

/// <summary>The read-only audit API every service exposes over its own event store.</summary>
public static class AuditEndpoints
{
    /// <summary>The largest number of events one audit query returns.</summary>
    public const int MaxLimit = 5000;

    /// <summary>Maps <c>GET /audit/streams/{stream}</c> and <c>GET /audit/events</c>.</summary>
    public static IEndpointRouteBuilder MapAuditEndpoints(this IEndpointRouteBuilder routes)
    {
        var audit = routes.MapGroup("/audit").WithTags("Audit");
        audit.MapGet("/streams/{**stream}", GetStream)
            .WithSummary("Events of one stream in order, optionally only those committed up to a moment.");
        audit.MapGet("/events", QueryEvents)
            .WithSummary("Events that carry a correlation id or fall in a time range, ordered by sequence.");
        return routes;
    }

    /// <summary>Returns a stream's events; with <c>asOf</c>, only those committed at or before that moment.</summary>
    public static async Task<Ok<AuditEvent[]>> GetStream(
        string stream,
        DateTimeOffset? asOf,
        IQuerySession session,
        IOptions<SurgeOptions> options,
        CancellationToken cancellationToken)
    {
        stream = StreamKeyFromRoute(stream);
        var events = await session.Events.FetchStreamAsync(stream, timestamp: asOf, token: cancellationToken);
        if (events.Count == 0)
        {
            throw new ResourceNotFoundException("Stream", stream);
        }

        return TypedResults.Ok(events.Select(stored => AuditEvent.From(options.Value.ServiceName, stored)).ToArray());
    }

    /// <summary>
    /// Returns the stream key a route value stands for. The server decodes a path except <c>%2F</c>, so a client that
    /// escaped the slash of a key such as <c>subnet/feed</c> sends <c>subnet%2Ffeed</c>, and the route value keeps it
    /// escaped. The services build stream keys from validated names and ids, which contain no <c>%</c>, so decoding
    /// the whole value is safe.
    /// </summary>
    public static string StreamKeyFromRoute(string routeValue) =>
        routeValue.Contains('%', StringComparison.Ordinal) ? Uri.UnescapeDataString(routeValue) : routeValue;

    /// <summary>Returns events by correlation id and/or time range, at most <paramref name="limit"/> of them.</summary>
    public static async Task<Ok<AuditEvent[]>> QueryEvents(
        string? correlationId,
        DateTimeOffset? from,
        DateTimeOffset? to,
        int? limit,
        IQuerySession session,
        IOptions<SurgeOptions> options,
        CancellationToken cancellationToken)
    {
        ValidateQuery(correlationId, from, to, limit);

        IQueryable<JasperFx.Events.IEvent> query = session.Events.QueryAllRawEvents();
        if (correlationId is not null)
        {
            query = query.Where(stored => stored.CorrelationId == correlationId);
        }

        if (from is not null)
        {
            query = query.Where(stored => stored.Timestamp >= from.Value);
        }

        if (to is not null)
        {
            query = query.Where(stored => stored.Timestamp <= to.Value);
        }

        var events = await query.OrderBy(stored => stored.Sequence).Take(limit ?? 1000).ToListAsync(cancellationToken);
        return TypedResults.Ok(events.Select(stored => AuditEvent.From(options.Value.ServiceName, stored)).ToArray());
    }

    private static void ValidateQuery(string? correlationId, DateTimeOffset? from, DateTimeOffset? to, int? limit)
    {
        var errors = new Dictionary<string, string[]>();
        if (correlationId is null && from is null && to is null)
        {
            errors["correlationId"] = ["Give a correlationId, or a time range with from and/or to."];
        }

        if (from is not null && to is not null && from > to)
        {
            errors["from"] = ["from must not be later than to."];
        }

        if (limit is < 1 or > MaxLimit)
        {
            errors["limit"] = [$"limit must be between 1 and {MaxLimit}."];
        }

        if (errors.Count > 0)
        {
            throw new RequestValidationException(errors, "The audit query is invalid.");
        }
    }
}
