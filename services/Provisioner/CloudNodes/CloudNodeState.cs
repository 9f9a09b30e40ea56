namespace Surge.Provisioner.CloudNodes;

/// <summary>One node of a request as decisions see it.</summary>
/// <param name="JoinedAt">When the node joined its pool, or null while it was never created.</param>
public sealed record CloudNodeState(string Name, string Zone, string Rack, CloudNodeStatus Status, DateTimeOffset? JoinedAt);
