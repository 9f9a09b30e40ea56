using System.ComponentModel.DataAnnotations;

namespace Surge.Ipam.Allocation;

/// <summary>How Ipam groups allocation requests into commits, from <c>Ipam:Allocation</c>.</summary>
public sealed class AllocationBatchOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Ipam:Allocation";

    /// <summary>The most requests one commit answers; more wait for the next commit.</summary>
    [Range(1, 10_000, ErrorMessage = "Ipam:Allocation:MaxBatchSize must be from 1 to 10000. It caps how many allocation requests one transaction answers.")]
    public int MaxBatchSize { get; set; } = 512;

    /// <summary>How often a batch is decided again after another writer changed one of its streams first.</summary>
    [Range(1, 100, ErrorMessage = "Ipam:Allocation:MaxAttempts must be from 1 to 100.")]
    public int MaxAttempts { get; set; } = 5;
}
