namespace Surge.Provisioner.Providers.Kubernetes;

/// <summary>How the driver reaches one cluster: a kubeconfig file, or the service account of the pod it runs in.</summary>
public sealed class KubernetesClusterOptions
{
    /// <summary>The kubeconfig file to read. Default none; set it or <see cref="InCluster"/>, not both.</summary>
    public string? KubeconfigPath { get; set; }

    /// <summary>The kubeconfig context to use. Default none, which takes the file's current context.</summary>
    public string? Context { get; set; }

    /// <summary>Whether to use the service account the Provisioner's own pod runs as. Default false.</summary>
    public bool InCluster { get; set; }

    /// <summary>The namespace the pods go to, a DNS label. Default <c>surge</c>.</summary>
    public string Namespace { get; set; } = "surge";
}
