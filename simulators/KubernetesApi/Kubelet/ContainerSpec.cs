namespace Surge.Simulators.KubernetesApi.Kubelet;

/// <summary>A container as the pod spec asks for it.</summary>
public sealed record ContainerSpec(string Name, string Image);
