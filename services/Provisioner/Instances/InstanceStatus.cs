using System.Text.Json.Serialization;

namespace Surge.Provisioner.Instances;

/// <summary>Where an instance is in its life.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<InstanceStatus>))]
public enum InstanceStatus
{
    /// <summary>No event was recorded for the instance.</summary>
    None,

    /// <summary>The instance was requested and is starting.</summary>
    Requested,

    /// <summary>The instance is running and serves HTTP.</summary>
    Started,

    /// <summary>The instance could not be started.</summary>
    StartFailed,

    /// <summary>The instance was stopped.</summary>
    Stopped,

    /// <summary>The instance went down with its node and no longer runs.</summary>
    Lost,
}
