using System.Security.Cryptography;
using System.Text;

namespace Surge.Simulators.KubernetesApi.Options;

/// <summary>Splits image references the way container runtimes report them.</summary>
public static class ImageReference
{
    /// <summary>Returns the repository of <paramref name="image"/>: the reference without its tag or digest.</summary>
    public static string Repository(string image)
    {
        var at = image.IndexOf('@', StringComparison.Ordinal);
        if (at >= 0)
        {
            return image[..at];
        }

        var colon = image.LastIndexOf(':');
        return colon > image.LastIndexOf('/') ? image[..colon] : image;
    }

    /// <summary>Returns the digest an image reference pins, such as the one in <c>app@sha256:...</c>, or null.</summary>
    public static string? PinnedDigest(string image)
    {
        var at = image.IndexOf('@', StringComparison.Ordinal);
        return at >= 0 ? image[(at + 1)..] : null;
    }

    /// <summary>Returns the image id a Docker-based kubelet reports: <c>docker-pullable://repository@digest</c>.</summary>
    public static string ImageId(string image, string digest) => $"docker-pullable://{Repository(image)}@{digest}";

    /// <summary>Returns a digest derived from the reference itself, for images that have none configured.</summary>
    public static string DerivedDigest(string image) =>
        "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(image)));
}
