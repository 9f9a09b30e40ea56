namespace Surge.Simulators.KubernetesApi.Options;

/// <summary>The settings of the Kubernetes API server simulator, bound from the <c>KubernetesApi</c> section.</summary>
public sealed class SimulatorOptions
{
    /// <summary>The configuration section these options bind to.</summary>
    public const string Section = "KubernetesApi";

    /// <summary>
    /// How many watch events the simulator keeps, at least 1. Default 1000. A watch that starts from a resource version
    /// older than the oldest kept event gets an ERROR event with status 410 (Expired).
    /// </summary>
    public int HistoryLimit { get; set; } = 1000;

    /// <summary>How often a watch that asked for bookmarks gets one, above 0. Default 5 seconds.</summary>
    public TimeSpan BookmarkInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Whether the simulator may listen on an address other than loopback. Default false.</summary>
    public bool AllowRemoteClients { get; set; }

    /// <summary>The delays of the simulated kubelet.</summary>
    public KubeletOptions Kubelet { get; set; } = new();

    /// <summary>
    /// The digest image references resolve to, as a list because an image reference holds the <c>:</c> that
    /// configuration keys split on. Default empty: an image missing here gets a digest derived from its reference, so two
    /// tags share a digest only when listed here with the same one.
    /// </summary>
    public List<ImageDigestOptions> ImageDigests { get; set; } = [];

    /// <summary>Returns the digest <paramref name="image"/> resolves to.</summary>
    public string DigestOf(string image) =>
        ImageReference.PinnedDigest(image)
        ?? ImageDigests.LastOrDefault(entry => entry.Image == image)?.Digest
        ?? ImageReference.DerivedDigest(image);
}
