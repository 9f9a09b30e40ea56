namespace Surge.Capacity.ScaleOut;

/// <summary>The scheduler's answer for a saga: a node per instance, or why the instances do not fit.</summary>
public sealed record PlacementDecision(IReadOnlyList<InstancePlacement> Placements, string? FailureReason)
{
    /// <summary>A placement for every requested instance.</summary>
    public static PlacementDecision Placed(IReadOnlyList<InstancePlacement> placements) => new(placements, null);

    /// <summary>The instances do not fit, for the given reason.</summary>
    public static PlacementDecision Failed(string reason) => new([], reason);
}
