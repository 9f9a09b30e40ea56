namespace Surge.Ipam.Subnets;

/// <summary>The block went back to the subnet: it held no allocation and no address in quarantine, or its interface could not be attached.</summary>
/// <param name="ClaimsPausedUntil">When the block's interface could not be attached: until when no new interface is asked for on its node, so a provider that keeps refusing is not asked again every refill.</param>
public sealed record AddressBlockReleased(string Cidr, string Reason, DateTimeOffset? ClaimsPausedUntil = null);
