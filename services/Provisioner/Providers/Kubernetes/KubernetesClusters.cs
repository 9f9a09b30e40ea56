using System.Collections.Concurrent;
using k8s;
using Microsoft.Extensions.Options;

namespace Surge.Provisioner.Providers.Kubernetes;

/// <summary>One API client per configured cluster, created on first use from its kubeconfig file or in-cluster access.</summary>
public sealed class KubernetesClusters(IOptions<KubernetesOptions> options) : IDisposable
{
    private readonly ConcurrentDictionary<string, Lazy<IKubernetes>> clients = new(StringComparer.Ordinal);

    /// <summary>The names of the configured clusters.</summary>
    public IReadOnlyCollection<string> Names => options.Value.Clusters.Keys;

    /// <summary>Returns the namespace pods go to in <paramref name="cluster"/>.</summary>
    public string Namespace(string cluster) => options.Value.Clusters[cluster].Namespace;

    /// <summary>Returns the client of <paramref name="cluster"/>.</summary>
    public IKubernetes Client(string cluster) =>
        clients.GetOrAdd(cluster, name => new Lazy<IKubernetes>(() => Create(options.Value.Clusters[name]))).Value;

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var client in clients.Values.Where(client => client.IsValueCreated))
        {
            client.Value.Dispose();
        }
    }

    private static k8s.Kubernetes Create(KubernetesClusterOptions cluster)
    {
        var configuration = cluster.InCluster
            ? KubernetesClientConfiguration.InClusterConfig()
            : KubernetesClientConfiguration.BuildConfigFromConfigFile(cluster.KubeconfigPath, currentContext: cluster.Context);
        return new k8s.Kubernetes(configuration);
    }
}
