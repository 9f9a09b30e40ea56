namespace Surge.Provisioner.Providers.Kubernetes;

/// <summary>What the driver adds to the pods of one service.</summary>
public sealed class KubernetesServiceOptions
{
    /// <summary>
    /// The sidecar containers keyed by container name, a DNS label other than the main container's <c>app</c>, such as
    /// a log shipper or a mesh proxy. They share the pod's network. Default none.
    /// </summary>
    public Dictionary<string, SidecarOptions> Sidecars { get; set; } = new(StringComparer.Ordinal);
}
