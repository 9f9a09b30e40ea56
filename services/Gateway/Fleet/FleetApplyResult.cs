using System.Text.Json.Nodes;

namespace Surge.Gateway.Fleet;

/// <summary>The outcome of each applied resource, as the owning service reported it: kind, name and outcome.</summary>
public sealed record FleetApplyResult(IReadOnlyList<JsonNode?> Applied);
