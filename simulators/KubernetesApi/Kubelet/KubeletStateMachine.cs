namespace Surge.Simulators.KubernetesApi.Kubelet;

/// <summary>
/// The pure part of the simulated kubelet: how a bound pod goes from Pending through ContainerCreating and Running to
/// Ready, and how a container restarts in place when its image changes.
/// </summary>
public static class KubeletStateMachine
{
    /// <summary>Takes a pod bound to this node: no sandbox yet, every container waiting.</summary>
    public static PodRuntime Admit(IReadOnlyList<ContainerSpec> containers, long generation, Func<string, string> digestOf, DateTimeOffset now) =>
        new(false, generation, now, [.. containers.Select(spec => new ContainerRuntime(spec.Name, spec.Image, digestOf(spec.Image), "", null, null, 0, ContainerStage.Waiting, null))]);

    /// <summary>Returns the next step for <paramref name="pod"/>, or null when it is ready and stays so.</summary>
    public static KubeletStep? Next(PodRuntime pod) =>
        !pod.SandboxReady ? KubeletStep.CreateSandbox
        : pod.Containers.Any(container => container.Stage == ContainerStage.Waiting) ? KubeletStep.StartContainers
        : pod.Containers.Any(container => container.Stage == ContainerStage.Running) ? KubeletStep.MarkReady
        : null;

    /// <summary>Carries out <paramref name="step"/>.</summary>
    public static PodRuntime Apply(PodRuntime pod, KubeletStep step, Func<string> newContainerId, DateTimeOffset now) => step switch
    {
        KubeletStep.CreateSandbox => pod with { SandboxReady = true },
        KubeletStep.StartContainers => pod with { Containers = [.. pod.Containers.Select(container => container.Stage == ContainerStage.Waiting ? Start(container, newContainerId(), now) : container)] },
        KubeletStep.MarkReady => pod with { Containers = [.. pod.Containers.Select(container => container.Stage == ContainerStage.Running ? container with { Stage = ContainerStage.Ready } : container)] },
        _ => throw new ArgumentOutOfRangeException(nameof(step), step, "unknown kubelet step"),
    };

    /// <summary>
    /// Acts on a new spec generation. A container whose image changed restarts in place: it waits while the new image is
    /// pulled, then runs with a new container id and one more restart. When the new image has the digest the container
    /// already runs and <paramref name="restartOnSameDigest"/> is false, only its image changes: same image id, same
    /// container, still ready.
    /// </summary>
    public static PodRuntime ChangeSpec(PodRuntime pod, IReadOnlyList<ContainerSpec> containers, long generation, Func<string, string> digestOf, bool restartOnSameDigest)
    {
        var changed = pod.Containers.Select(container =>
        {
            var spec = containers.FirstOrDefault(candidate => candidate.Name == container.Name);
            if (spec is null || spec.Image == container.Image)
            {
                return container;
            }

            var digest = digestOf(spec.Image);
            var running = container.ContainerId is not null;
            return running && digest == container.Digest && !restartOnSameDigest
                ? container with { Image = spec.Image }
                : container with
                {
                    Image = spec.Image,
                    Digest = digest,
                    ImageId = "",
                    ContainerId = null,
                    LastContainerId = container.ContainerId ?? container.LastContainerId,
                    Stage = ContainerStage.Waiting,
                };
        });
        return pod with { ObservedGeneration = generation, Containers = [.. changed] };
    }

    private static ContainerRuntime Start(ContainerRuntime container, string containerId, DateTimeOffset now) => container with
    {
        ImageId = Options.ImageReference.ImageId(container.Image, container.Digest),
        ContainerId = containerId,
        RestartCount = container.LastContainerId is null ? container.RestartCount : container.RestartCount + 1,
        Stage = ContainerStage.Running,
        StartedAt = now,
    };
}
