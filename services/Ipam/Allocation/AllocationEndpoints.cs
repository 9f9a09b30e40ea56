using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Surge.Ipam.Addressing;
using Surge.Ipam.Subnets;
using Surge.ServiceDefaults.Problems;

namespace Surge.Ipam.Allocation;

/// <summary>The allocation resource: the addresses currently allocated to instances.</summary>
public static class AllocationEndpoints
{
    /// <summary>Maps <c>GET /allocations</c>.</summary>
    public static IEndpointRouteBuilder MapAllocationEndpoints(this IEndpointRouteBuilder routes)
    {
        var allocations = routes.MapGroup("/allocations").WithTags("Allocations");
        allocations.MapGet("/", ListAllocations)
            .WithSummary("Live allocations, optionally only those of one instance, node, subnet or address.");
        return routes;
    }

    /// <summary>Returns the live allocations that match every given filter, ordered by subnet, then address.</summary>
    public static async Task<Ok<AllocationResponse[]>> ListAllocations(
        Guid? instanceId,
        string? node,
        string? subnet,
        string? address,
        IQuerySession session,
        CancellationToken cancellationToken)
    {
        var canonicalAddress = address is null ? null : CanonicalAddress(address);

        var query = session.Query<Subnet>();
        var subnets = subnet is null
            ? await query.ToListAsync(cancellationToken)
            : await query.Where(candidate => candidate.Name == subnet).ToListAsync(cancellationToken);

        var matches = subnets
            .OrderBy(candidate => candidate.Name, StringComparer.Ordinal)
            .SelectMany(candidate => candidate.Allocations
                .Where(allocation => instanceId is null || allocation.InstanceId == instanceId)
                .Where(allocation => node is null || allocation.Node == node)
                .Where(allocation => canonicalAddress is null || allocation.Address == canonicalAddress)
                .OrderBy(allocation => AddressBlock.ToInteger(System.Net.IPAddress.Parse(allocation.Address)))
                .Select(allocation => AllocationResponse.From(candidate, allocation)));
        return TypedResults.Ok(matches.ToArray());
    }

    private static string CanonicalAddress(string address) =>
        AddressBlock.TryParseAddress(address, out var parsed, out var error)
            ? parsed.ToString()
            : throw new RequestValidationException("address", error);
}
