using k8s.Models;

namespace Surge.Provisioner.Providers.Kubernetes;

/// <summary>The main container as it was before an update: the image digest it ran, its container id and restart count.</summary>
public sealed record ContainerBaseline(string? Digest, string? ContainerId, int RestartCount)
{
    /// <summary>Takes the baseline from the main container's status, or an empty one when it has none yet.</summary>
    public static ContainerBaseline Of(V1Pod pod) =>
        UpdateCompletion.MainStatus(pod) is { } status
            ? new ContainerBaseline(ImageDigest.FromImageId(status.ImageID), status.ContainerID, status.RestartCount)
            : new ContainerBaseline(null, null, 0);
}
