using k8s.Models;

namespace Surge.Provisioner.Providers.Kubernetes;

/// <summary>
/// Decides whether an in-place image update of the main container has completed. The image string in the status is
/// not trusted: it changes as soon as the kubelet reads the new spec, before any container runs the new image. What
/// counts is what runs: the image digest (<c>imageID</c>), the container (<c>containerID</c>) and <c>restartCount</c>.
/// </summary>
public static class UpdateCompletion
{
    /// <summary>Returns the status of the main container, or null when the kubelet reported none yet.</summary>
    public static V1ContainerStatus? MainStatus(V1Pod pod) =>
        pod.Status?.ContainerStatuses?.FirstOrDefault(status => status.Name == PodTemplate.MainContainer);

    /// <summary>
    /// Checks <paramref name="pod"/> against the update to <paramref name="targetImage"/> made at spec generation
    /// <paramref name="generation"/>. Done when the container is running and ready and either
    /// <list type="bullet">
    /// <item>the target pins a digest and the container runs that digest, or</item>
    /// <item>the kubelet acted on the new spec and the container restarted (new container id or more restarts), or</item>
    /// <item>the kubelet acted on the new spec and the digest is unchanged: a new tag of the same image, which some
    /// kubelets apply without a restart.</item>
    /// </list>
    /// </summary>
    public static PodVerdict Check(V1Pod pod, ContainerBaseline baseline, string targetImage, long generation)
    {
        if (MainStatus(pod) is not { } status || !status.Ready || status.State?.Running is null)
        {
            return PodVerdict.Waiting;
        }

        var digest = ImageDigest.FromImageId(status.ImageID);
        if (ImageDigest.PinnedBy(targetImage) is { } pinned)
        {
            return digest == pinned ? PodVerdict.Done : PodVerdict.Waiting;
        }

        if (!KubeletActedOn(pod, status, targetImage, generation))
        {
            return PodVerdict.Waiting;
        }

        var restarted = status.ContainerID != baseline.ContainerId || status.RestartCount > baseline.RestartCount;
        return restarted || (digest is not null && digest == baseline.Digest) ? PodVerdict.Done : PodVerdict.Waiting;
    }

    // Clusters from 1.33 on report the spec generation the kubelet acted on. On older ones the status image is the only sign
    // that the kubelet read the new spec, so it is used for that alone and never as proof that the new image runs.
    private static bool KubeletActedOn(V1Pod pod, V1ContainerStatus status, string targetImage, long generation) =>
        pod.Status?.ObservedGeneration is { } observed ? observed >= generation : status.Image == targetImage;
}
