namespace Surge.Contracts.Nodes;

/// <summary>Reports that the interface is attached to the node and can hold secondary addresses.</summary>
public sealed record NetworkInterfaceAttached(string Subnet, string Node, string InterfaceId, DateTimeOffset At);
