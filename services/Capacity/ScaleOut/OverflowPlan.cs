using Surge.Contracts.Nodes;

namespace Surge.Capacity.ScaleOut;

/// <summary>The cloud nodes a saga asks for when its instances do not fit on existing nodes.</summary>
/// <param name="ExpectedTime">How long the provider is configured to take for nodes; null when not configured, and the saga's node provisioning timeout counts.</param>
public sealed record OverflowPlan(Guid RequestId, string Provider, int NodeCount, NodeSize Size, IReadOnlyList<string> Zones, int ShortBy, TimeSpan? ExpectedTime = null);
