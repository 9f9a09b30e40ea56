namespace Surge.Simulators.KubernetesApi.Kubelet;

/// <summary>A pod as the simulated kubelet runs it: its sandbox, the spec generation it acted on, and its containers.</summary>
public sealed record PodRuntime(bool SandboxReady, long ObservedGeneration, DateTimeOffset AdmittedAt, IReadOnlyList<ContainerRuntime> Containers)
{
    /// <summary>Whether every container has run at least once, which makes the pod's phase Running.</summary>
    public bool AllStarted => Containers.All(container => container.StartedAt is not null);

    /// <summary>Whether every container is ready.</summary>
    public bool AllReady => Containers.All(container => container.Stage == ContainerStage.Ready);
}
