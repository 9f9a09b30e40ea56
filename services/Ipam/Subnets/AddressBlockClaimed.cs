namespace Surge.Ipam.Subnets;

/// <summary>A block of the subnet was set aside for a node, to keep its warm set full.</summary>
/// <param name="Ready">False when an interface must be attached first; <see cref="AddressBlockReady"/> follows.</param>
public sealed record AddressBlockClaimed(string Cidr, string Node, string? Rack, string? InterfaceId, bool Ready, DateTimeOffset At);
