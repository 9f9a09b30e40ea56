namespace Surge.Simulators.KubernetesApi.Kubelet;

/// <summary>The next thing the simulated kubelet does to a pod, each after its configured delay.</summary>
public enum KubeletStep
{
    /// <summary>The sandbox and its network are ready; the containers pull their images (SandboxDelay).</summary>
    CreateSandbox,

    /// <summary>Waiting containers start with new container ids (PullDelay).</summary>
    StartContainers,

    /// <summary>Running containers pass their readiness check (ReadinessDelay).</summary>
    MarkReady,
}
