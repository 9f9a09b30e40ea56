namespace Surge.Ipam.Allocation;

/// <summary>Planning needs a block of the subnet that was not loaded; the batch loads all of the subnet's blocks and plans again.</summary>
public sealed class BlocksNotLoadedException(string subnet)
    : Exception($"Planning needs blocks of subnet '{subnet}' that were not loaded.")
{
    /// <summary>The subnet whose blocks to load.</summary>
    public string Subnet { get; } = subnet;
}
