namespace Surge.Contracts.Nodes;

/// <summary>
/// Asks the provider to attach a new elastic network interface of the subnet to a cloud node, so Ipam can place
/// secondary addresses on it. Ipam names the interface, so a redelivered request attaches nothing twice.
/// </summary>
/// <param name="InterfaceId">The interface's name, unique per node, for example <c>eni-2</c>.</param>
public sealed record AttachNetworkInterface(string Subnet, string Node, string InterfaceId);
