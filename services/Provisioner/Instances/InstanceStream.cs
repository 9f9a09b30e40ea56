namespace Surge.Provisioner.Instances;

/// <summary>Names the event stream of an instance.</summary>
public static class InstanceStream
{
    /// <summary>Returns the stream key <c>instance/{instanceId}</c>.</summary>
    public static string Key(Guid instanceId) => $"instance/{instanceId}";
}
