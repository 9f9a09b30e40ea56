namespace Surge.Cli.Http;

/// <summary>An open address conflict as <c>GET /api/ipam/conflicts</c> returns it.</summary>
internal sealed record ConflictView(string Subnet, AddressConflictView Conflict);

/// <summary>An address a provider reports in use by an instance Ipam did not give it to.</summary>
/// <param name="InstanceId">The instance the provider reports using the address.</param>
/// <param name="Node">The node that instance runs on.</param>
/// <param name="HeldBy">The instance Ipam allocated the address to, or null when Ipam gave it to no one.</param>
/// <param name="Reason">What does not match, in Ipam's words.</param>
internal sealed record AddressConflictView(string Address, Guid InstanceId, string Node, Guid? HeldBy, string Reason, DateTimeOffset FoundAt);
