using Surge.Provisioner.NetworkInterfaces;
using Surge.Provisioner.Querying;

namespace Surge.Provisioner.InterfaceAttaching;

/// <summary>An attach still to complete, when it is due, and the correlation id its outcome is recorded under.</summary>
public sealed record InterfaceAttachWork(string Node, string InterfaceId, DateTimeOffset AttachDueAt, string CorrelationId)
{
    /// <summary>The key of the interface's stream, which also names the work.</summary>
    public string Stream => NetworkInterfaceStream.Key(Node, InterfaceId);

    /// <summary>Creates the work for an attaching interface.</summary>
    public static InterfaceAttachWork From(NetworkInterfaceState state, string correlationId) =>
        new(state.Node, state.InterfaceId, state.AttachDueAt ?? DateTimeOffset.MinValue, correlationId);

    /// <summary>Creates the work for a recorded interface that is still attaching.</summary>
    public static InterfaceAttachWork From(NetworkInterfaceView view) =>
        new(view.Node, view.InterfaceId, view.AttachDueAt, view.CorrelationId);
}
