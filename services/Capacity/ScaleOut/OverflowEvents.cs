using Surge.Contracts.Nodes;

namespace Surge.Capacity.ScaleOut;

/// <summary>
/// The instances do not fit on existing nodes, so the saga asked a cloud provider for nodes; they must join by
/// <paramref name="Deadline"/>.
/// </summary>
/// <param name="ShortBy">How many instances did not fit.</param>
/// <param name="Reason">Why placement on existing nodes failed.</param>
public sealed record OverflowNodesRequested(
    Guid RequestId,
    string Provider,
    int NodeCount,
    NodeSize Size,
    IReadOnlyList<string> Zones,
    int ShortBy,
    string Reason,
    DateTimeOffset At,
    DateTimeOffset Deadline);

/// <summary>The cloud nodes joined the pool; placement runs again and must finish by <paramref name="Deadline"/>.</summary>
public sealed record OverflowNodesJoined(Guid RequestId, string Provider, IReadOnlyList<string> Nodes, DateTimeOffset At, DateTimeOffset Deadline);

/// <summary>The provider could not give the nodes; placement runs again and may try the next provider, finishing by <paramref name="Deadline"/>.</summary>
public sealed record OverflowNodesUnavailable(Guid RequestId, string Provider, string Reason, DateTimeOffset At, DateTimeOffset Deadline);
