using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Surge.Ipam.Subnets;

namespace Surge.Ipam.Reconciliation;

/// <summary>The conflicts reconciliation found: addresses in use by an instance Ipam did not give them to.</summary>
public static class ConflictEndpoints
{
    /// <summary>Maps <c>GET /conflicts</c>.</summary>
    public static IEndpointRouteBuilder MapConflictEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapGroup("/conflicts").WithTags("Conflicts")
            .MapGet("/", ListConflicts)
            .WithSummary("Open address conflicts, optionally of one subnet, ordered by subnet and time found.");
        return routes;
    }

    /// <summary>Returns the open conflicts, each with its subnet.</summary>
    public static async Task<Ok<ConflictResponse[]>> ListConflicts(string? subnet, IQuerySession session, CancellationToken cancellationToken)
    {
        var subnets = await session.Query<Subnet>().ToListAsync(cancellationToken);
        return TypedResults.Ok(subnets
            .Where(candidate => subnet is null || candidate.Name == subnet)
            .OrderBy(candidate => candidate.Name, StringComparer.Ordinal)
            .SelectMany(candidate => candidate.OpenConflicts.OrderBy(conflict => conflict.FoundAt).Select(conflict => new ConflictResponse(candidate.Name, conflict)))
            .ToArray());
    }
}

/// <summary>An open conflict as <c>GET /conflicts</c> returns it.</summary>
public sealed record ConflictResponse(string Subnet, AddressConflict Conflict);
