namespace Surge.Ipam.Subnets;

/// <summary>An instance gave its address back, so the address is free again.</summary>
public sealed record AddressReleased(string Address, Guid InstanceId, string Reason);
