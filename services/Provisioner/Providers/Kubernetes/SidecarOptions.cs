namespace Surge.Provisioner.Providers.Kubernetes;

/// <summary>One sidecar container: its image and optional resources; its name is its key.</summary>
public sealed class SidecarOptions
{
    /// <summary>The image the sidecar runs.</summary>
    public string Image { get; set; } = "";

    /// <summary>The CPU the sidecar requests and is limited to, in millicores. Default 0, which sets none.</summary>
    public int CpuMillicores { get; set; }

    /// <summary>The memory the sidecar requests and is limited to, in MiB. Default 0, which sets none.</summary>
    public int MemoryMiB { get; set; }
}
