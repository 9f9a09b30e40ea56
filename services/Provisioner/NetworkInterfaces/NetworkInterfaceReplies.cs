using Surge.Contracts.Nodes;

namespace Surge.Provisioner.NetworkInterfaces;

/// <summary>Maps an interface's state to the reply the requester expects.</summary>
public static class NetworkInterfaceReplies
{
    /// <summary>
    /// Returns <see cref="NetworkInterfaceAttached"/> for an attached interface and <see cref="NetworkInterfaceAttachFailed"/>
    /// for a failed one, or null while the interface is attaching or unknown.
    /// </summary>
    public static object? For(NetworkInterfaceState state) => state.Status switch
    {
        NetworkInterfaceStatus.Attached => new NetworkInterfaceAttached(state.Subnet, state.Node, state.InterfaceId, state.AttachedAt!.Value),
        NetworkInterfaceStatus.Failed => new NetworkInterfaceAttachFailed(state.Subnet, state.Node, state.InterfaceId, state.FailureReason!),
        _ => null,
    };

    /// <summary>
    /// Returns the reply that events moving the interface from <paramref name="before"/> to <paramref name="after"/> call
    /// for: the interface's reply when they finished the attach, otherwise null.
    /// </summary>
    public static object? OnFinish(NetworkInterfaceState before, NetworkInterfaceState after) =>
        before.Status is NetworkInterfaceStatus.Attached or NetworkInterfaceStatus.Failed ? null : For(after);
}
