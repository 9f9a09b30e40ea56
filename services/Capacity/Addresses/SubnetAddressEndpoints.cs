using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Surge.ServiceDefaults.Problems;

namespace Surge.Capacity.Addresses;

/// <summary>HTTP API of the subnet reports Capacity holds: what placement believes about each subnet's addresses.</summary>
public static class SubnetAddressEndpoints
{
    /// <summary>Maps <c>GET /subnets</c> and <c>GET /subnets/{name}</c>.</summary>
    public static IEndpointRouteBuilder MapSubnetAddressEndpoints(this IEndpointRouteBuilder routes)
    {
        var subnets = routes.MapGroup("/subnets").WithTags("Subnets");
        subnets.MapGet("/", List).WithSummary("Lists the last report Ipam sent of each subnet.");
        subnets.MapGet("/{name}", Get).WithSummary("Returns the last report Ipam sent of one subnet.");
        return routes;
    }

    /// <summary>Lists subnet reports by subnet name.</summary>
    public static async Task<Ok<IReadOnlyList<SubnetAddressesRecorded>>> List(IQuerySession session, CancellationToken cancellationToken)
    {
        var views = await session.Query<SubnetAddressView>().ToListAsync(cancellationToken);
        return TypedResults.Ok<IReadOnlyList<SubnetAddressesRecorded>>([.. views.Select(view => view.Report).OrderBy(report => report.Subnet, StringComparer.Ordinal)]);
    }

    /// <summary>Returns one subnet's report or 404 while none arrived.</summary>
    public static async Task<Ok<SubnetAddressesRecorded>> Get(string name, IQuerySession session, CancellationToken cancellationToken) =>
        TypedResults.Ok((await session.LoadAsync<SubnetAddressView>(SubnetAddressesRecorded.StreamKey(name), cancellationToken))?.Report
            ?? throw new ResourceNotFoundException("Subnet report", name));
}
