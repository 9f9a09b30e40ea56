namespace Surge.Ipam.Subnets;

/// <summary>The block went back to the subnet: it held no allocation and no address in quarantine, or its interface could not be attached.</summary>
public sealed record AddressBlockReleased(string Cidr, string Reason);
