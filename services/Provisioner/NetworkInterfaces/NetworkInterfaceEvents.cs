namespace Surge.Provisioner.NetworkInterfaces;

/// <summary>
/// Attaching a network interface to a node was requested: the first event of the interface's stream. The attach
/// completes at <paramref name="AttachDueAt"/>, after the simulated latency.
/// </summary>
public sealed record InterfaceAttachRequested(
    string Subnet,
    string Node,
    string InterfaceId,
    DateTimeOffset RequestedAt,
    DateTimeOffset AttachDueAt);

/// <summary>The interface is attached to its node and can hold secondary addresses.</summary>
public sealed record InterfaceAttached(string Node, string InterfaceId, DateTimeOffset AttachedAt);

/// <summary>The interface could not be attached, and why. It is not tried again.</summary>
public sealed record InterfaceAttachFailed(string Node, string InterfaceId, string Reason, DateTimeOffset FailedAt);
