namespace Surge.Provisioner.NetworkInterfaces;

/// <summary>A command for one network interface, decided by <see cref="NetworkInterfaceDecider"/>.</summary>
public abstract record NetworkInterfaceCommand(string Node, string InterfaceId);

/// <summary>Requests attaching a new interface of <paramref name="Subnet"/> to a node.</summary>
/// <param name="MaxPerNode">How many interfaces a node may have attached or attaching at once.</param>
/// <param name="InUseOnNode">How many other interfaces of the node are attached or attaching.</param>
/// <param name="NodeProblem">Why the node cannot take an interface, for example because it was released, or null.</param>
/// <param name="AttachLatency">How long the attach takes, already multiplied by the time scale.</param>
public sealed record RequestInterfaceAttach(
    string Subnet,
    string Node,
    string InterfaceId,
    int MaxPerNode,
    int InUseOnNode,
    string? NodeProblem,
    TimeSpan AttachLatency) : NetworkInterfaceCommand(Node, InterfaceId);

/// <summary>Records that the provider finished attaching the interface, or that it failed because the node went away meanwhile.</summary>
/// <param name="NodeProblem">Why the node can no longer take the interface, for example because it was released, or null.</param>
public sealed record CompleteInterfaceAttach(string Node, string InterfaceId, string? NodeProblem = null) : NetworkInterfaceCommand(Node, InterfaceId);
