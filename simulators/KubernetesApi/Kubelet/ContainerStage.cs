namespace Surge.Simulators.KubernetesApi.Kubelet;

/// <summary>Where a simulated container is: pulling its image, running but not ready, or ready.</summary>
public enum ContainerStage
{
    /// <summary>Waiting with reason ContainerCreating while its image is pulled.</summary>
    Waiting,

    /// <summary>Running, not yet ready.</summary>
    Running,

    /// <summary>Running and ready.</summary>
    Ready,
}
