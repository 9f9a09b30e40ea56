namespace Surge.Gateway.Invariants;

/// <summary>A live address allocation as Ipam's <c>GET /allocations</c> returns it.</summary>
public sealed record AllocationRecord(string Subnet, string Address, Guid InstanceId, Guid SagaId, string Node);
