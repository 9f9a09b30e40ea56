namespace Surge.Capacity.ServiceCatalog;

/// <summary>How the scheduler ranks the nodes that can take an instance.</summary>
[System.Text.Json.Serialization.JsonConverter(typeof(Surge.Capacity.Resources.CamelCaseEnumConverter<PlacementStrategy>))]
public enum PlacementStrategy
{
    /// <summary>The node with the most room left, so instances spread and one node's loss hurts least.</summary>
    Spread,

    /// <summary>The node with the least room left that still fits, so whole nodes stay empty for large shapes and for release.</summary>
    Pack,
}
