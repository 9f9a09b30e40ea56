namespace Surge.Provisioner.NetworkInterfaces;

/// <summary>Names the event stream of a network interface.</summary>
public static class NetworkInterfaceStream
{
    /// <summary>Returns the stream key <c>interface/{node}/{interfaceId}</c>.</summary>
    /// <remarks>Interface ids contain no <c>/</c> (see <see cref="NetworkInterfaceRequests"/>), so the last <c>/</c> separates the two names.</remarks>
    public static string Key(string node, string interfaceId) => $"interface/{node}/{interfaceId}";

    /// <summary>Returns the partition key of <paramref name="node"/>'s interfaces: their attaches are decided one at a time.</summary>
    public static string NodePartitionKey(string node) => $"node-interfaces/{node}";
}
