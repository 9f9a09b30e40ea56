using System.Text.Json.Serialization;

namespace Surge.Provisioner.CloudNodes;

/// <summary>Where one request of cloud nodes is.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<CloudNodeRequestStatus>))]
public enum CloudNodeRequestStatus
{
    /// <summary>No event was recorded for the request.</summary>
    None,

    /// <summary>The request was recorded and some of its nodes are still being created.</summary>
    Requested,

    /// <summary>No node of the request is still being created, and the request did not fail.</summary>
    Provisioned,

    /// <summary>The request was rejected or an operation failed; none of its nodes is live.</summary>
    Failed,
}
