namespace Surge.Ipam.Subnets;

/// <summary>The interface holding the block is attached, so its addresses can be given out.</summary>
public sealed record AddressBlockReady(string Cidr, DateTimeOffset At);
