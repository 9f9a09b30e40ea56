using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Surge.Capacity.Resources;
using Surge.Capacity.ServiceCatalog;
using Surge.ServiceDefaults.Correlation;
using Surge.ServiceDefaults.Problems;

namespace Surge.Capacity.AlertPolicies;

/// <summary>HTTP API for alert policies.</summary>
public static class AlertPolicyEndpoints
{
    /// <summary>Maps <c>PUT /alert-policies/{name}</c>, <c>GET /alert-policies</c> and <c>GET /alert-policies/{name}</c>.</summary>
    public static IEndpointRouteBuilder MapAlertPolicyEndpoints(this IEndpointRouteBuilder routes)
    {
        var policies = routes.MapGroup("/alert-policies").WithTags("Alert policies");
        policies.MapPut("/{name}", ApplyAlertPolicy).WithSummary("Declares an alert policy or changes its declaration.");
        policies.MapGet("/", ListAlertPolicies).WithSummary("Lists the declared alert policies.");
        policies.MapGet("/{name}", GetAlertPolicy).WithSummary("Returns one alert policy.");
        return routes;
    }

    /// <summary>Records the policy's spec unless it is unchanged.</summary>
    public static async Task<Ok<ApplyOutcome>> ApplyAlertPolicy(string name, AlertPolicySpec spec, IDocumentSession session, HttpContext http, CancellationToken cancellationToken)
    {
        var service = string.IsNullOrEmpty(spec.Service) ? null : await session.LoadAsync<ServiceView>(ServiceView.StreamKey(spec.Service), cancellationToken);
        spec.Validate(name, service is not null);

        var key = AlertPolicyView.StreamKey(name);
        var current = await session.LoadAsync<AlertPolicyView>(key, cancellationToken);
        var outcome = await DeclarativeResources.ApplyAsync(session, http.GetCorrelationId(), key, current?.Spec, spec, new AlertPolicySpecified(name, spec), cancellationToken);
        return TypedResults.Ok(new ApplyOutcome("AlertPolicy", name, outcome));
    }

    /// <summary>Lists alert policies by name.</summary>
    public static async Task<Ok<IReadOnlyList<AlertPolicyView>>> ListAlertPolicies(IQuerySession session, CancellationToken cancellationToken) =>
        TypedResults.Ok(await session.Query<AlertPolicyView>().OrderBy(policy => policy.Name).ToListAsync(cancellationToken));

    /// <summary>Returns one alert policy or 404.</summary>
    public static async Task<Ok<AlertPolicyView>> GetAlertPolicy(string name, IQuerySession session, CancellationToken cancellationToken) =>
        TypedResults.Ok(await session.LoadAsync<AlertPolicyView>(AlertPolicyView.StreamKey(name), cancellationToken)
            ?? throw new ResourceNotFoundException("AlertPolicy", name));
}
