namespace Surge.Contracts.Nodes;

/// <summary>The cloud nodes were deleted; nodes the provider did not know count as deleted.</summary>
public sealed record NodesReleased(Guid RequestId, string Provider, IReadOnlyList<string> Nodes);
