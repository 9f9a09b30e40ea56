namespace Surge.Simulators.KubernetesApi.Options;

/// <summary>The delays of the simulated kubelet, each between 0 and one hour.</summary>
public sealed class KubeletOptions
{
    /// <summary>From a pod bound to a node to its sandbox being ready and its containers pulling images. Default 200 ms.</summary>
    public TimeSpan SandboxDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>From a container pulling its image to running. Default 500 ms.</summary>
    public TimeSpan PullDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>From a container running to ready. Default 300 ms.</summary>
    public TimeSpan ReadinessDelay { get; set; } = TimeSpan.FromMilliseconds(300);

    /// <summary>
    /// Whether a container whose image changes to a tag with the same digest restarts. Default false: its status shows
    /// the new image, keeps its image id and container id, and stays ready. A real kubelet restarts it, which true selects.
    /// </summary>
    public bool RestartOnSameDigest { get; set; }
}
