namespace Surge.Provisioner.Providers.Kubernetes;

/// <summary>
/// The settings of the Kubernetes driver, bound from the <c>Kubernetes</c> section: the clusters it may reach, which
/// pools each one runs, and how pods are built and followed. With no pool mapped, every instance stays on the
/// simulated data centre.
/// </summary>
public sealed class KubernetesOptions
{
    /// <summary>The configuration section these options bind to.</summary>
    public const string Section = "Kubernetes";

    /// <summary>
    /// The clusters, keyed by a name the <see cref="Pools"/> refer to. Each names a kubeconfig file or in-cluster
    /// access, and the namespace its pods go to. Default empty.
    /// </summary>
    public Dictionary<string, KubernetesClusterOptions> Clusters { get; set; } = new(StringComparer.Ordinal);

    /// <summary>
    /// The cluster that runs each pool's instances, keyed by pool name, such as <c>feed-pool</c> to <c>cluster-a</c>.
    /// Default empty: every pool stays on the simulated data centre.
    /// </summary>
    public Dictionary<string, string> Pools { get; set; } = new(StringComparer.Ordinal);

    /// <summary>
    /// The node label that names the pool a Kubernetes node belongs to. Default <c>surge.io/pool</c>. An instance runs
    /// on Kubernetes when its node carries this label with a pool mapped to that node's cluster.
    /// </summary>
    public string PoolLabel { get; set; } = "surge.io/pool";

    /// <summary>The port the main container serves HTTP on, which the instance's endpoint uses. Default 8080.</summary>
    public int ContainerPort { get; set; } = 8080;

    /// <summary>How long a start or an update waits for the pod to be ready. Default 5 minutes.</summary>
    public TimeSpan ReadyTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// How long a watch may stay without any event, bookmarks included, before it is opened again from the last
    /// resource version seen. Default 1 minute.
    /// </summary>
    public TimeSpan WatchIdleTimeout { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>The extra containers each service's pods get, keyed by service name. Default none.</summary>
    public Dictionary<string, KubernetesServiceOptions> Services { get; set; } = new(StringComparer.Ordinal);
}
