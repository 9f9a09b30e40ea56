using Surge.Ipam.Blocks;

namespace Surge.Ipam.Allocation;

/// <summary>A live allocation as <c>GET /allocations</c> returns it.</summary>
/// <param name="Block">The node block the address comes from.</param>
/// <param name="Node">The node the instance runs on.</param>
/// <param name="Since">When the address was given to the instance.</param>
/// <param name="SagaId">The saga that asked for it; empty for an allocation through the API or one reclaimed by reconciliation.</param>
public sealed record AllocationResponse(string Subnet, string Block, string Address, Guid InstanceId, string Node, DateTimeOffset Since, Guid SagaId)
{
    /// <summary>Creates the response for a holding.</summary>
    public static AllocationResponse From(AddressHolding holding) =>
        new(holding.Subnet, holding.Block, holding.Id, holding.InstanceId, holding.Node, holding.Since, holding.SagaId);
}
