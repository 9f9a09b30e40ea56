namespace Surge.Provisioner.Providers.Kubernetes;

/// <summary>Reads digests out of image references and the image ids container runtimes report.</summary>
public static class ImageDigest
{
    /// <summary>
    /// Returns the digest of an image id, such as <c>sha256:...</c> from <c>docker-pullable://repo@sha256:...</c>
    /// (Docker), <c>repo@sha256:...</c> (containerd) or a bare <c>sha256:...</c>; null when there is none.
    /// </summary>
    public static string? FromImageId(string? imageId)
    {
        if (string.IsNullOrEmpty(imageId))
        {
            return null;
        }

        var at = imageId.LastIndexOf('@');
        var digest = at >= 0 ? imageId[(at + 1)..] : imageId;
        return digest.StartsWith("sha256:", StringComparison.Ordinal) ? digest : null;
    }

    /// <summary>Returns the digest an image reference pins, such as the one in <c>app@sha256:...</c>, or null for a tag.</summary>
    public static string? PinnedBy(string image)
    {
        var at = image.IndexOf('@', StringComparison.Ordinal);
        return at >= 0 ? image[(at + 1)..] : null;
    }
}
