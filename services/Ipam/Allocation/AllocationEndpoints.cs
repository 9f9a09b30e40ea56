using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Surge.Ipam.Addressing;
using Surge.Ipam.Blocks;
using Surge.ServiceDefaults.Problems;

namespace Surge.Ipam.Allocation;

/// <summary>The allocation resource: the addresses currently allocated to instances.</summary>
public static class AllocationEndpoints
{
    /// <summary>Maps <c>GET /allocations</c>, <c>GET /allocations/instances/{id}</c> and <c>GET /allocations/addresses/{address}</c>.</summary>
    public static IEndpointRouteBuilder MapAllocationEndpoints(this IEndpointRouteBuilder routes)
    {
        var allocations = routes.MapGroup("/allocations").WithTags("Allocations");
        allocations.MapGet("/", ListAllocations)
            .WithSummary("Live allocations, optionally only those of one instance, node, subnet or address.");
        allocations.MapGet("/instances/{instanceId}", GetByInstance)
            .WithSummary("The address an instance holds; 404 when it holds none.");
        allocations.MapGet("/addresses/{address}", GetByAddress)
            .WithSummary("The instance holding an address; 404 when no instance holds it.");
        return routes;
    }

    /// <summary>Returns the live allocations that match every given filter, ordered by subnet, then address.</summary>
    public static async Task<Ok<AllocationResponse[]>> ListAllocations(
        string? instanceId,
        string? node,
        string? subnet,
        string? address,
        AddressLedger ledger,
        IQuerySession session,
        CancellationToken cancellationToken)
    {
        // The filters are checked before the ledger is read, so bad input gets its problem without waiting.
        Guid? id = instanceId is null ? null : InstanceIds.Parse("instanceId", instanceId);
        var canonical = address is null ? null : CanonicalAddress(address);
        var holdings = await HoldingsAsync(ledger, session, cancellationToken);
        return TypedResults.Ok(holdings
            .Where(holding => id is null || holding.InstanceId == id)
            .Where(holding => node is null || holding.Node == node)
            .Where(holding => subnet is null || holding.Subnet == subnet)
            .Where(holding => canonical is null || holding.Id == canonical)
            .OrderBy(holding => holding.Subnet, StringComparer.Ordinal)
            .ThenBy(holding => AddressBlock.ToInteger(System.Net.IPAddress.Parse(holding.Id)))
            .Select(AllocationResponse.From)
            .ToArray());
    }

    /// <summary>Returns the instance's allocation; throws <see cref="ResourceNotFoundException"/> when it has no address.</summary>
    public static async Task<Ok<AllocationResponse>> GetByInstance(string instanceId, AddressLedger ledger, IQuerySession session, CancellationToken cancellationToken)
    {
        var id = InstanceIds.Parse("instanceId", instanceId);
        var holding = (await HoldingsAsync(ledger, session, cancellationToken)).FirstOrDefault(candidate => candidate.InstanceId == id)
            ?? throw new ResourceNotFoundException("Allocation of instance", id.ToString());
        return TypedResults.Ok(AllocationResponse.From(holding));
    }

    /// <summary>
    /// Returns the allocation of the address; throws <see cref="ResourceNotFoundException"/> when it is allocated to no
    /// instance, saying until when it stays in quarantine if it does.
    /// </summary>
    public static async Task<Ok<AllocationResponse>> GetByAddress(
        string address, AddressLedger ledger, IQuerySession session, TimeProvider time, CancellationToken cancellationToken)
    {
        var canonical = CanonicalAddress(address);
        using var entered = await EnterCaughtUpAsync(ledger, session, cancellationToken);
        if (ledger.HoldingAt(canonical) is { } holding)
        {
            return TypedResults.Ok(AllocationResponse.From(holding));
        }

        throw ledger.QuarantineOf(canonical, time.GetUtcNow()) is { } quarantined
            ? new ResourceNotFoundException(
                "Allocation of address",
                canonical,
                $"It was released from instance {quarantined.InstanceId} and stays in quarantine until {quarantined.Until:O}, so no instance gets it before then.")
            : new ResourceNotFoundException("Allocation of address", canonical);
    }

    private static async Task<IReadOnlyList<AddressHolding>> HoldingsAsync(AddressLedger ledger, IQuerySession session, CancellationToken cancellationToken)
    {
        using var entered = await EnterCaughtUpAsync(ledger, session, cancellationToken);
        return ledger.Holdings();
    }

    // Catches up with what every process committed, not only this one, before the response reads the ledger.
    private static async Task<IDisposable> EnterCaughtUpAsync(AddressLedger ledger, IQuerySession session, CancellationToken cancellationToken)
    {
        await ledger.CatchUpAsync(session, null, cancellationToken);
        return await ledger.EnterAsync(cancellationToken);
    }

    private static string CanonicalAddress(string address) =>
        AddressBlock.TryParseAddress(address, out var parsed, out var error)
            ? parsed.ToString()
            : throw new RequestValidationException("address", error);
}
