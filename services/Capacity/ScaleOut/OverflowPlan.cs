using Surge.Contracts.Nodes;

namespace Surge.Capacity.ScaleOut;

/// <summary>The cloud nodes a saga asks for when its instances do not fit on existing nodes.</summary>
public sealed record OverflowPlan(Guid RequestId, string Provider, int NodeCount, NodeSize Size, IReadOnlyList<string> Zones, int ShortBy);
