namespace Surge.Contracts.Nodes;

/// <summary>Reports that the provider could not attach the interface, and why; Ipam may ask again later under a new name.</summary>
public sealed record NetworkInterfaceAttachFailed(string Subnet, string Node, string InterfaceId, string Reason);
