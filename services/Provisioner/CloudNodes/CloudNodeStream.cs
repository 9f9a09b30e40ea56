namespace Surge.Provisioner.CloudNodes;

/// <summary>Names the event stream of a request of cloud nodes.</summary>
public static class CloudNodeStream
{
    /// <summary>Returns the stream key <c>cloud-nodes/{requestId}</c>.</summary>
    public static string Key(Guid requestId) => $"cloud-nodes/{requestId}";
}
