namespace Surge.Ipam.Subnets;

/// <summary>
/// An address of the subnet that a provider reports in use by an instance Ipam did not give it to. Ipam changes
/// nothing about it on its own, because either holder may be the right one; an operator stops one of them.
/// </summary>
/// <param name="InstanceId">The instance the provider reports using the address.</param>
/// <param name="Node">The node that instance runs on.</param>
/// <param name="HeldBy">The instance Ipam allocated the address to, or null when Ipam gave it to no one.</param>
/// <param name="Reason">What does not match, in words.</param>
public sealed record AddressConflict(string Address, Guid InstanceId, string Node, Guid? HeldBy, string Reason, DateTimeOffset FoundAt)
{
    /// <summary>Creates the conflict an event recorded.</summary>
    public static AddressConflict From(AddressConflictFound found) =>
        new(found.Address, found.InstanceId, found.Node, found.HeldBy, found.Reason, found.At);

    /// <summary>Returns whether this is the conflict of the address and reported instance.</summary>
    public bool Matches(string address, Guid instanceId) => Address == address && InstanceId == instanceId;
}
