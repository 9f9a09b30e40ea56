using JasperFx;
using JasperFx.Events;
using Marten.Events.Aggregation;
using Surge.Provisioner.NetworkInterfaces;

namespace Surge.Provisioner.Querying;

/// <summary>
/// One network interface, rebuilt from its events. The limit check counts a node's interfaces through these, and the
/// restart recovery finds the attaches still in progress.
/// </summary>
public sealed record NetworkInterfaceView
{
    /// <summary>The key of the interface's event stream, <c>interface/{node}/{interfaceId}</c>.</summary>
    [Identity]
    public string Stream { get; init; } = "";

    /// <summary>The subnet the interface belongs to.</summary>
    public string Subnet { get; init; } = "";

    /// <summary>The node the interface is attached to.</summary>
    public string Node { get; init; } = "";

    /// <summary>The interface's name, unique per node.</summary>
    public string InterfaceId { get; init; } = "";

    /// <summary>The correlation id of the request. The recorded outcome of the attach carries it too.</summary>
    public string CorrelationId { get; init; } = "";

    /// <summary>Where the interface is in its life.</summary>
    public NetworkInterfaceStatus Status { get; init; }

    /// <summary>When the attach was requested.</summary>
    public DateTimeOffset RequestedAt { get; init; }

    /// <summary>When the attach completes, after the simulated latency.</summary>
    public DateTimeOffset AttachDueAt { get; init; }

    /// <summary>When the interface was attached, if it was.</summary>
    public DateTimeOffset? AttachedAt { get; init; }

    /// <summary>Why the interface could not be attached, if it failed.</summary>
    public string? FailureReason { get; init; }
}

/// <summary>
/// Keeps <see cref="NetworkInterfaceView"/> up to date in the transaction that appends the interface's events, so the
/// limit check of the next request for the node counts this one.
/// </summary>
public sealed class NetworkInterfaceViewProjection : SingleStreamProjection<NetworkInterfaceView, string>
{
    /// <inheritdoc />
    public override NetworkInterfaceView? Evolve(NetworkInterfaceView? snapshot, string id, IEvent e) => e.Data switch
    {
        InterfaceAttachRequested requested => new NetworkInterfaceView
        {
            Stream = id,
            Subnet = requested.Subnet,
            Node = requested.Node,
            InterfaceId = requested.InterfaceId,
            CorrelationId = e.CorrelationId ?? "",
            Status = NetworkInterfaceStatus.Attaching,
            RequestedAt = requested.RequestedAt,
            AttachDueAt = requested.AttachDueAt,
        },
        InterfaceAttached attached when snapshot is not null => snapshot with
        {
            Status = NetworkInterfaceStatus.Attached,
            AttachedAt = attached.AttachedAt,
        },
        InterfaceAttachFailed failed when snapshot is not null => snapshot with
        {
            Status = NetworkInterfaceStatus.Failed,
            FailureReason = failed.Reason,
        },
        _ => snapshot,
    };
}
