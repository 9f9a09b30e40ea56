using System.Text.Json.Serialization;

namespace Surge.Provisioner.NetworkInterfaces;

/// <summary>Where one network interface is in its life.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<NetworkInterfaceStatus>))]
public enum NetworkInterfaceStatus
{
    /// <summary>No event was recorded for the interface.</summary>
    None,

    /// <summary>The attach was requested and completes after its latency; the interface counts against the node's maximum.</summary>
    Attaching,

    /// <summary>The interface is attached; it counts against the node's maximum.</summary>
    Attached,

    /// <summary>The interface could not be attached.</summary>
    Failed,
}
