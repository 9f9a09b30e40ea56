namespace Surge.Simulators.KubernetesApi.Options;

/// <summary>One image reference and the digest it resolves to.</summary>
public sealed class ImageDigestOptions
{
    /// <summary>The image reference as a pod spec names it, such as <c>registry.local/app:1.1</c>.</summary>
    public string Image { get; set; } = "";

    /// <summary>The digest, <c>sha256:</c> and 64 lowercase hex digits.</summary>
    public string Digest { get; set; } = "";
}
