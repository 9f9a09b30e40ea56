namespace Surge.Capacity.Scheduling;

/// <summary>What the scheduler decided for a request: a node for every instance, or why not.</summary>
/// <param name="Instances">The instances placed; all of the request's, or none when it failed.</param>
/// <param name="FailureReason">Why not every instance fits; null on success.</param>
/// <param name="Placeable">How many of the request's instances would have fit.</param>
/// <param name="Limit">What stops most nodes from taking the next instance; null on success.</param>
/// <param name="Rejections">Each node that cannot take the next instance, and why; empty on success.</param>
public sealed record PlacementResult(
    IReadOnlyList<ScheduledInstance> Instances,
    string? FailureReason,
    int Placeable,
    PlacementDimension? Limit,
    IReadOnlyList<NodeRejection> Rejections)
{
    /// <summary>Whether every instance has a node.</summary>
    public bool Succeeded => FailureReason is null;
}

/// <summary>The node chosen for one instance and whose capacity it takes.</summary>
/// <param name="Subnet">The subnet the instance's address is counted against; null when the model knows none.</param>
public sealed record ScheduledInstance(Guid InstanceId, string Node, string Pool, string Zone, PlacementSource Source, string? Subnet);
