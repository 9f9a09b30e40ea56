using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Surge.Capacity.Nodes;
using Surge.Capacity.ScaleOut;
using Surge.Capacity.ServiceCatalog;
using Surge.ServiceDefaults.Correlation;
using Surge.ServiceDefaults.Messaging;
using Surge.ServiceDefaults.Problems;

namespace Surge.Capacity.ScaleIn;

/// <summary>HTTP API that starts scale-in sagas; <c>GET /sagas</c> and <c>GET /sagas/{id}</c> show them with the scale-out sagas.</summary>
public static class ScaleInEndpoints
{
    /// <summary>Maps <c>POST /sagas/scale-in</c>.</summary>
    public static IEndpointRouteBuilder MapScaleInEndpoints(this IEndpointRouteBuilder routes)
    {
        var sagas = routes.MapGroup("/sagas").WithTags("Sagas");
        sagas.MapPost("/scale-in", RequestScaleIn).WithSummary("Starts a scale-in saga that drains, stops and releases instances of a service.");
        return routes;
    }

    /// <summary>Chooses the victims, marks them on their nodes and starts the saga in one transaction; returns 202 with the saga.</summary>
    public static async Task<Accepted<ScaleInView>> RequestScaleIn(
        ScaleInRequest request,
        OutboxSessionFactory sessions,
        PartitionLocks locks,
        IOptions<SagaOptions> sagaOptions,
        IOptions<ScaleInOptions> scaleInOptions,
        HttpContext http,
        CancellationToken cancellationToken)
    {
        var drainTimeout = ValidateRequest(request, scaleInOptions.Value);

        // Two scale-ins of one service in this process choose one after the other. Across processes, the ledger checks
        // each victim's mark on the node it fetched for writing, and the node versions are checked at commit.
        using var partition = await locks.AcquireAsync($"scale-in/{request.Service}", cancellationToken);
        await using var unit = sessions.Open(http.GetCorrelationId());
        var service = await unit.Documents.LoadAsync<ServiceView>(ServiceView.StreamKey(request.Service), cancellationToken)
            ?? throw new RequestValidationException("service", $"Service '{request.Service}' is not declared. Apply it first, or fix the name.");
        var victims = await ChooseAsync(unit.Documents, service, request.Count, unit.Now, scaleInOptions.Value.PoolProtectionAfterAlarm, cancellationToken);

        var sagaId = Guid.CreateVersion7(unit.Now);
        var requested = new ScaleInRequested(sagaId, service.Name, service.Spec.Pool, request.Count, victims, drainTimeout,
            request.RequestedBy, unit.Now, unit.Now + drainTimeout + sagaOptions.Value.BackendTimeout);
        var state = await ScaleInRecorder.StartAsync(unit, requested, cancellationToken);
        await unit.CommitAsync(cancellationToken);

        // A relative location resolves against the request's own path, here and behind the gateway alike.
        return TypedResults.Accepted(sagaId.ToString(), ScaleInView.From(state));
    }

    private static TimeSpan ValidateRequest(ScaleInRequest request, ScaleInOptions options)
    {
        if (string.IsNullOrWhiteSpace(request.Service))
        {
            throw new RequestValidationException("service", "service is missing. Name the declared service to scale in, such as 'feed-api'.");
        }

        if (request.Count < 1)
        {
            throw new RequestValidationException("count", $"count is {request.Count}; give the number of instances to remove, at least 1.");
        }

        var drainTimeout = request.DrainTimeout ?? options.DefaultDrainTimeout;
        if (drainTimeout < TimeSpan.Zero || drainTimeout > ScaleInOptions.MaxDrainTimeout)
        {
            throw new RequestValidationException("drainTimeout", $"drainTimeout is {drainTimeout}; give between 00:00:00 and 00:10:00, or leave it out for {options.DefaultDrainTimeout}.");
        }

        return drainTimeout;
    }

    private static async Task<IReadOnlyList<ScaleInVictim>> ChooseAsync(
        IDocumentSession session,
        ServiceView service,
        int count,
        DateTimeOffset now,
        TimeSpan protection,
        CancellationToken cancellationToken)
    {
        var nodes = await session.Query<NodeView>().ToListAsync(cancellationToken);
        var endpoints = await EndpointsAsync(session, service.Name, cancellationToken);
        var protectedUntil = await ProtectedPoolsAsync(session, now - protection, cancellationToken);
        var protectedPools = protectedUntil.Keys.ToHashSet(StringComparer.Ordinal);
        var choice = VictimChooser.Choose(service.Name, service.Spec.Pool, service.Spec.MinInstances, count, nodes, endpoints, protectedPools);
        if (choice.Victims.Count == 0)
        {
            var shielded = protectedUntil.Count == 0
                ? ""
                : " These pools absorbed an alarm and keep their instances for " + protection.ToString("c") + " after it: "
                    + string.Join(", ", protectedUntil.OrderBy(pool => pool.Key, StringComparer.Ordinal).Select(pool => $"{pool.Key} until {pool.Value + protection:O}")) + ".";
            throw new RequestValidationException("count",
                $"count is {count}, but service '{service.Name}' has {choice.RunningCount} instances that may be removed and minInstances {service.Spec.MinInstances}, " +
                $"so at most {choice.RemovableCount} may be removed. Ask for {choice.RemovableCount} or fewer.{shielded}");
        }

        return choice.Victims;
    }

    // A pool that took instances for an alarm is likely to need them again soon; taking them away at once would flap.
    // Returns each protected pool with the completion of the last alarm-driven scale-out that placed in it.
    private static async Task<IReadOnlyDictionary<string, DateTimeOffset>> ProtectedPoolsAsync(IDocumentSession session, DateTimeOffset since, CancellationToken cancellationToken)
    {
        var recent = await session.Query<ScaleOutState>().Where(saga => saga.FinishedAt >= since).ToListAsync(cancellationToken);
        return recent
            .Where(saga => saga.Trigger.Source != "api" && saga.Status is ScaleOutStatus.Completed or ScaleOutStatus.PartiallyCompleted)
            .SelectMany(saga => saga.Instances.Where(instance => instance.Ready).Select(instance => (instance.Pool, Finished: saga.FinishedAt!.Value)))
            .GroupBy(entry => entry.Pool, StringComparer.Ordinal)
            .ToDictionary(group => group.Key, group => group.Max(entry => entry.Finished), StringComparer.Ordinal);
    }

    // Capacity does not read the load balancer's pools; the scale-out sagas that started the instances recorded where they serve.
    internal static async Task<IReadOnlyDictionary<Guid, string>> EndpointsAsync(IDocumentSession session, string service, CancellationToken cancellationToken)
    {
        var sagas = await session.Query<ScaleOutState>().Where(saga => saga.Service == service).ToListAsync(cancellationToken);
        return sagas.SelectMany(saga => saga.Instances)
            .Where(instance => instance.Endpoint is not null)
            .GroupBy(instance => instance.InstanceId)
            .ToDictionary(group => group.Key, group => group.First().Endpoint!);
    }
}
