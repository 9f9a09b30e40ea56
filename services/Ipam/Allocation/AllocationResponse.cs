using Surge.Ipam.Subnets;

namespace Surge.Ipam.Allocation;

/// <summary>A live allocation as <c>GET /allocations</c> returns it.</summary>
public sealed record AllocationResponse(string Subnet, string Address, Guid InstanceId, Guid SagaId, string Node)
{
    /// <summary>Creates the response for an allocation in the subnet.</summary>
    public static AllocationResponse From(Subnet subnet, LiveAllocation allocation) =>
        new(subnet.Name, allocation.Address, allocation.InstanceId, allocation.SagaId, allocation.Node);
}
