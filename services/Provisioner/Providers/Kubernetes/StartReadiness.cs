using k8s.Models;

namespace Surge.Provisioner.Providers.Kubernetes;

/// <summary>Decides from a pod's status whether a newly created instance is ready, still starting, or failed.</summary>
public static class StartReadiness
{
    // Waiting reasons that do not go away by waiting: the image reference itself is wrong, or the spec cannot run.
    private static readonly HashSet<string> FatalReasons = ["InvalidImageName", "CreateContainerConfigError", "ErrImageNeverPull"];

    /// <summary>Returns Done when the pod is Ready and every container is ready, Failed when it cannot get there.</summary>
    public static PodVerdict Check(V1Pod pod)
    {
        var status = pod.Status;
        if (status?.Phase is "Failed" or "Succeeded")
        {
            return new PodVerdict.Failed($"pod {pod.Metadata?.Name} is {status.Phase}: {status.Message ?? status.Reason ?? "no reason given"}");
        }

        var fatal = status?.ContainerStatuses?.FirstOrDefault(container => container.State?.Waiting?.Reason is { } reason && FatalReasons.Contains(reason));
        if (fatal is not null)
        {
            return new PodVerdict.Failed($"container {fatal.Name} of pod {pod.Metadata?.Name} cannot start: {fatal.State.Waiting.Reason} {fatal.State.Waiting.Message}".TrimEnd());
        }

        var ready = status?.Conditions?.Any(condition => condition.Type == "Ready" && condition.Status == "True") == true
            && status.ContainerStatuses is { Count: > 0 } containers
            && containers.All(container => container.Ready);
        return ready ? PodVerdict.Done : PodVerdict.Waiting;
    }
}
