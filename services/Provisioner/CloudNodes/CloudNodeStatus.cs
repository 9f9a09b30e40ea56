using System.Text.Json.Serialization;

namespace Surge.Provisioner.CloudNodes;

/// <summary>Where one cloud node is in its life.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<CloudNodeStatus>))]
public enum CloudNodeStatus
{
    /// <summary>The node was planned and is being created; it counts against the provider's quota.</summary>
    Pending,

    /// <summary>The node joined its pool; it counts against the provider's quota.</summary>
    Live,

    /// <summary>The node was released on request.</summary>
    Released,

    /// <summary>The node was deleted because its request failed.</summary>
    Removed,
}
