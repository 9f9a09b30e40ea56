namespace Surge.Simulators.KubernetesApi.Kubelet;

/// <summary>A container as the pod spec declares it.</summary>
public sealed record ContainerSpec(string Name, string Image);
