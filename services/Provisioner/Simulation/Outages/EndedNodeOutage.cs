namespace Surge.Provisioner.Simulation.Outages;

/// <summary>A node outage that ended, and what became of the node's instances.</summary>
/// <param name="Node">The node that can be reached again.</param>
/// <param name="InstancesSurvive">Whether the instances were meant to survive the outage.</param>
/// <param name="Since">When the outage began.</param>
/// <param name="EndedAt">When the outage ended.</param>
/// <param name="ServingAgain">The instances that listen at their endpoints again.</param>
/// <param name="Lost">
/// The instances recorded as lost: every starting or running instance of the node when the instances did not survive,
/// otherwise those whose endpoints could not be bound again.
/// </param>
public sealed record EndedNodeOutage(
    string Node,
    bool InstancesSurvive,
    DateTimeOffset Since,
    DateTimeOffset EndedAt,
    IReadOnlyList<Guid> ServingAgain,
    IReadOnlyList<Guid> Lost);
