namespace Surge.Simulators.KubernetesApi.Kubelet;

/// <summary>
/// One container as the simulated kubelet runs it. <paramref name="ImageId"/> and <paramref name="ContainerId"/> are
/// those of the running container, empty and null while it waits; <paramref name="LastContainerId"/> is the one it replaced.
/// </summary>
public sealed record ContainerRuntime(
    string Name,
    string Image,
    string Digest,
    string ImageId,
    string? ContainerId,
    string? LastContainerId,
    int RestartCount,
    ContainerStage Stage,
    DateTimeOffset? StartedAt);
