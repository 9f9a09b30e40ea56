using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Surge.Capacity.ScaleIn;
using Surge.Capacity.ServiceCatalog;
using Surge.Contracts.Instances;
using Surge.ServiceDefaults.Correlation;
using Surge.ServiceDefaults.Messaging;
using Surge.ServiceDefaults.Problems;

namespace Surge.Capacity.ScaleOut;

/// <summary>HTTP API for scale-out sagas; listing and reading also cover scale-in sagas.</summary>
public static class SagaEndpoints
{
    /// <summary>Maps <c>GET /sagas</c>, <c>GET /sagas/{id}</c>, <c>POST /sagas/scale-out</c> and <c>POST /sagas/{id}/cancel</c>.</summary>
    public static IEndpointRouteBuilder MapSagaEndpoints(this IEndpointRouteBuilder routes)
    {
        var sagas = routes.MapGroup("/sagas").WithTags("Sagas");
        sagas.MapGet("/", ListSagas).WithSummary("Lists scale-out and scale-in sagas, newest first, optionally by status and service.");
        sagas.MapGet("/{sagaId:guid}", GetSaga).WithSummary("Returns one saga of either kind with its instances.");
        sagas.MapPost("/scale-out", RequestScaleOut).WithSummary("Starts a scale-out saga for a service.");
        sagas.MapPost("/{sagaId:guid}/cancel", CancelSaga).WithSummary("Cancels a running saga; it undoes its completed steps.");
        return routes;
    }

    /// <summary>
    /// Lists at most 200 sagas of both kinds, newest first; each item is a <see cref="SagaView"/> or a
    /// <see cref="ScaleInView"/>, distinguished by <c>kind</c>. A status that only one kind has lists only that kind.
    /// </summary>
    public static async Task<Ok<object[]>> ListSagas(string? status, string? service, IQuerySession session, CancellationToken cancellationToken)
    {
        const int limit = 200;
        ScaleOutStatus? scaleOutStatus = null;
        ScaleInStatus? scaleInStatus = null;
        if (status is not null)
        {
            scaleOutStatus = Enum.TryParse<ScaleOutStatus>(status, ignoreCase: true, out var scaleOut) ? scaleOut : null;
            scaleInStatus = Enum.TryParse<ScaleInStatus>(status, ignoreCase: true, out var scaleIn) ? scaleIn : null;
            if (scaleOutStatus is null && scaleInStatus is null)
            {
                var known = Enum.GetNames<ScaleOutStatus>().Union(Enum.GetNames<ScaleInStatus>());
                throw new RequestValidationException("status", $"status '{status}' is unknown. Use one of: {string.Join(", ", known)}.");
            }
        }

        var scaleOuts = status is null || scaleOutStatus is not null
            ? await ListScaleOutsAsync(session, scaleOutStatus, service, limit, cancellationToken)
            : [];
        var scaleIns = status is null || scaleInStatus is not null
            ? await ScaleInQueries.ListAsync(session, scaleInStatus, service, limit, cancellationToken)
            : [];

        var merged = scaleOuts.Select(saga => (saga.RequestedAt, View: (object)saga))
            .Concat(scaleIns.Select(saga => (saga.RequestedAt, View: (object)saga)))
            .OrderByDescending(item => item.RequestedAt)
            .Take(limit)
            .Select(item => item.View);
        return TypedResults.Ok(merged.ToArray());
    }

    /// <summary>Returns one saga of either kind, or 404.</summary>
    public static async Task<Results<Ok<SagaView>, Ok<ScaleInView>>> GetSaga(Guid sagaId, IQuerySession session, CancellationToken cancellationToken)
    {
        if (await session.LoadAsync<ScaleOutState>(ScaleOutState.StreamKey(sagaId), cancellationToken) is { } saga)
        {
            return TypedResults.Ok(SagaView.From(saga));
        }

        var scaleIn = await ScaleInQueries.FindAsync(session, sagaId, cancellationToken)
            ?? throw new ResourceNotFoundException("Saga", sagaId.ToString());
        return TypedResults.Ok(scaleIn);
    }

    private static async Task<IReadOnlyList<SagaView>> ListScaleOutsAsync(IQuerySession session, ScaleOutStatus? status, string? service, int limit, CancellationToken cancellationToken)
    {
        IQueryable<ScaleOutState> query = session.Query<ScaleOutState>();
        if (status is not null)
        {
            query = query.Where(saga => saga.Status == status.Value);
        }

        if (service is not null)
        {
            query = query.Where(saga => saga.Service == service);
        }

        var sagas = await query.OrderByDescending(saga => saga.RequestedAt).Take(limit).ToListAsync(cancellationToken);
        return [.. sagas.Select(SagaView.From)];
    }

    /// <summary>Starts a scale-out of a declared service by <c>count</c> instances; returns 202 with the saga.</summary>
    public static async Task<Accepted<SagaView>> RequestScaleOut(
        ManualScaleOutRequest request,
        OutboxSessionFactory sessions,
        IOptions<SagaOptions> options,
        HttpContext http,
        CancellationToken cancellationToken)
    {
        await using var unit = sessions.Open(http.GetCorrelationId());
        var service = await LoadServiceAsync(unit.Documents, request, cancellationToken);

        var sagaId = Guid.CreateVersion7(unit.Now);
        var trigger = new ScaleOutTrigger("api", null, null, null, null, request.RequestedBy);
        var state = ScaleOutStarter.Start(unit, sagaId, service, request.Count, image: null, trigger, options.Value, request.MinimumCount,
            ScaleOutDegradation.For(request.Degrade, service.Spec));
        await unit.CommitAsync(cancellationToken);

        // A relative location resolves against the request's own path, so it is right both here (/sagas/scale-out)
        // and behind the gateway (/api/sagas/scale-out).
        return TypedResults.Accepted(sagaId.ToString(), SagaView.From(state));
    }

    /// <summary>Cancels a running saga; 409 when it already finished or is already undoing its steps.</summary>
    public static async Task<Accepted<SagaView>> CancelSaga(
        Guid sagaId,
        CancelSagaRequest? request,
        OutboxSessionFactory sessions,
        PartitionLocks locks,
        IOptions<SagaOptions> options,
        HttpContext http,
        CancellationToken cancellationToken)
    {
        using var partition = await locks.AcquireAsync(sagaId.ToString(), cancellationToken);
        await using var unit = sessions.Open(http.GetCorrelationId());
        var stream = await unit.Documents.Events.FetchForWriting<ScaleOutState>(ScaleOutState.StreamKey(sagaId), cancellationToken);
        var saga = stream.Aggregate ?? throw new ResourceNotFoundException("Saga", sagaId.ToString());

        var reason = string.IsNullOrWhiteSpace(request?.Reason) ? "Cancelled through the API." : request.Reason;
        var events = ScaleOutDecider.Decide(saga, new CancelSaga(reason), unit.Now, options.Value);
        if (events.Count == 0)
        {
            throw new ResourceConflictException($"Saga {sagaId} is {saga.Status}; only a running saga can be cancelled.");
        }

        await ScaleOutRecorder.RecordAsync(unit, stream, events, cancellationToken);
        await unit.CommitAsync(cancellationToken);
        // Relative to /sagas/{id}/cancel, "../{id}" is the saga itself, here and behind the gateway.
        return TypedResults.Accepted($"../{sagaId}", SagaView.From(events.Aggregate(saga, (state, e) => ScaleOutDecider.Evolve(state, e)!)));
    }

    private static async Task<ServiceView> LoadServiceAsync(IDocumentSession session, ManualScaleOutRequest request, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(request.Service))
        {
            throw new RequestValidationException("service", "service is missing. Name the declared service to scale out, such as 'feed-api'.");
        }

        if (request.Count is < 1 or > 1000)
        {
            throw new RequestValidationException("count", $"count is {request.Count}; give between 1 and 1000 instances.");
        }

        if (request.MinimumCount is { } minimum && (minimum < 1 || minimum > request.Count))
        {
            throw new RequestValidationException("minimumCount", $"minimumCount is {minimum}; give between 1 and count ({request.Count}), or leave it out to require every instance.");
        }

        if (request.Degrade?.MaxTimeToCapacity is { } allowed && (allowed <= TimeSpan.Zero || allowed > MaxTimeToCapacityLimit))
        {
            throw new RequestValidationException("degrade.maxTimeToCapacity", $"maxTimeToCapacity is {allowed}; give a duration above 0 and at most {MaxTimeToCapacityLimit}, such as \"00:02:00\", or leave it out.");
        }

        var service = await session.LoadAsync<ServiceView>(ServiceView.StreamKey(request.Service), cancellationToken)
            ?? throw new RequestValidationException("service", $"Service '{request.Service}' is not declared. Apply it first, or fix the name.");
        if (request.Degrade is { IsRequested: true } && ScaleOutDegradation.For(request.Degrade, service.Spec) is null)
        {
            throw new RequestValidationException("degrade", $"Service '{service.Name}' declares no non-critical routes, so it cannot be degraded. Add spec.degradation.nonCriticalRoutes to the service, or leave degrade out.");
        }

        return service;
    }

    /// <summary>The longest <c>degrade.maxTimeToCapacity</c> a request may give.</summary>
    private static readonly TimeSpan MaxTimeToCapacityLimit = TimeSpan.FromHours(6);
}
