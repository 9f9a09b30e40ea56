using k8s;
using Microsoft.Extensions.Options;

namespace Surge.Provisioner.Providers.Kubernetes;

/// <summary>
/// Knows which nodes run on Kubernetes: a node of a cluster whose pool label names a pool mapped to that same cluster.
/// A node not yet known makes it list the nodes of every cluster again, so a node that joins later is found.
/// </summary>
public sealed class KubernetesNodeDirectory(KubernetesClusters clusters, IOptions<KubernetesOptions> options)
{
    private readonly SemaphoreSlim refreshing = new(1, 1);
    private volatile IReadOnlyDictionary<string, string> clusterOfNode = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>Whether any pool is mapped to a cluster; when none is, no node runs on Kubernetes and nothing is asked.</summary>
    public bool Enabled => options.Value.Pools.Count > 0;

    /// <summary>
    /// Returns the cluster that runs <paramref name="node"/>, or null when the node is in no pool mapped to a cluster.
    /// Rethrows the client's error when a cluster cannot be listed, because the cluster is then unknown.
    /// </summary>
    public async Task<string?> ClusterOfAsync(string node, CancellationToken cancellationToken)
    {
        if (!Enabled)
        {
            return null;
        }

        if (clusterOfNode.TryGetValue(node, out var known))
        {
            return known;
        }

        await RefreshAsync(cancellationToken);
        return clusterOfNode.GetValueOrDefault(node);
    }

    private async Task RefreshAsync(CancellationToken cancellationToken)
    {
        await refreshing.WaitAsync(cancellationToken);
        try
        {
            var settings = options.Value;
            var found = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var cluster in settings.Pools.Values.Distinct(StringComparer.Ordinal))
            {
                var nodes = await clusters.Client(cluster).CoreV1.ListNodeAsync(labelSelector: settings.PoolLabel, cancellationToken: cancellationToken);
                foreach (var node in nodes.Items)
                {
                    if (node.Metadata?.Labels is { } labels
                        && labels.TryGetValue(settings.PoolLabel, out var pool)
                        && settings.Pools.GetValueOrDefault(pool) == cluster)
                    {
                        found[node.Metadata.Name] = cluster;
                    }
                }
            }

            clusterOfNode = found;
        }
        finally
        {
            refreshing.Release();
        }
    }
}
