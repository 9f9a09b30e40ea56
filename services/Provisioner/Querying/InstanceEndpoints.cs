using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Surge.Provisioner.Instances;
using Surge.ServiceDefaults.Problems;

namespace Surge.Provisioner.Querying;

/// <summary>The read-only instance API: list instances and read one.</summary>
public static class InstanceEndpoints
{
    private static readonly string[] QueryableStates =
        Enum.GetNames<InstanceStatus>().Where(name => name != nameof(InstanceStatus.None)).ToArray();

    /// <summary>Maps <c>GET /instances</c> and <c>GET /instances/{instanceId}</c>.</summary>
    public static IEndpointRouteBuilder MapInstanceEndpoints(this IEndpointRouteBuilder routes)
    {
        var instances = routes.MapGroup("/instances").WithTags("Instances");
        instances.MapGet("/", ListInstances)
            .WithSummary("Instances ordered by request time, optionally only those of one service and/or in one state.");
        instances.MapGet("/{instanceId:guid}", GetInstance)
            .WithSummary("One instance by id.");
        return routes;
    }

    /// <summary>Returns the instances that match <paramref name="service"/> and <paramref name="state"/> when they are given.</summary>
    public static async Task<Ok<InstanceView[]>> ListInstances(
        string? service,
        string? state,
        IQuerySession session,
        CancellationToken cancellationToken)
    {
        var status = ParseState(state);

        IQueryable<InstanceView> query = session.Query<InstanceView>();
        if (!string.IsNullOrEmpty(service))
        {
            query = query.Where(view => view.Service == service);
        }

        if (status is not null)
        {
            query = query.Where(view => view.Status == status.Value);
        }

        var views = await query.OrderBy(view => view.RequestedAt).ThenBy(view => view.InstanceId).ToListAsync(cancellationToken);
        return TypedResults.Ok(views.ToArray());
    }

    /// <summary>Returns one instance, or 404 when no instance has that id.</summary>
    public static async Task<Ok<InstanceView>> GetInstance(Guid instanceId, IQuerySession session, CancellationToken cancellationToken)
    {
        var view = await session.LoadAsync<InstanceView>(InstanceStream.Key(instanceId), cancellationToken)
            ?? throw new ResourceNotFoundException("Instance", instanceId.ToString());
        return TypedResults.Ok(view);
    }

    private static InstanceStatus? ParseState(string? state)
    {
        if (string.IsNullOrEmpty(state))
        {
            return null;
        }

        var name = QueryableStates.FirstOrDefault(candidate => string.Equals(candidate, state, StringComparison.OrdinalIgnoreCase));
        return name is not null
            ? Enum.Parse<InstanceStatus>(name)
            : throw new RequestValidationException(
                "state",
                $"state '{state}' is not an instance state; use one of {string.Join(", ", QueryableStates)}, or leave it out to list every state.");
    }
}
