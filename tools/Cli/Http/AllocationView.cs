namespace Surge.Cli.Http;

/// <summary>A live allocation as <c>GET /api/ipam/allocations</c> returns it.</summary>
/// <param name="Block">The node block the address comes from.</param>
/// <param name="Node">The node the instance runs on.</param>
/// <param name="Since">When the address was given to the instance.</param>
internal sealed record AllocationView(string Subnet, string Block, string Address, Guid InstanceId, string Node, DateTimeOffset Since);
