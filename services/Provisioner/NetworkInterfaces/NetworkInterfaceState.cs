namespace Surge.Provisioner.NetworkInterfaces;

/// <summary>What decisions about one network interface need: its status and what its reply carries.</summary>
public sealed record NetworkInterfaceState(
    NetworkInterfaceStatus Status,
    string Subnet,
    string Node,
    string InterfaceId,
    DateTimeOffset? AttachDueAt,
    DateTimeOffset? AttachedAt,
    string? FailureReason)
{
    /// <summary>The state of an interface with no events.</summary>
    public static readonly NetworkInterfaceState Initial = new(NetworkInterfaceStatus.None, "", "", "", null, null, null);

    /// <summary>The key of the interface's stream, which Marten requires of an aggregate. Decisions do not use it.</summary>
    public string Id { get; init; } = "";
}
