using Surge.Capacity.Resources;

namespace Surge.Capacity.Scheduling;

/// <summary>Whose capacity an instance takes.</summary>
[System.Text.Json.Serialization.JsonConverter(typeof(CamelCaseEnumConverter<PlacementSource>))]
public enum PlacementSource
{
    /// <summary>A declared node of the service's own pool.</summary>
    Own,

    /// <summary>Idle capacity another pool lends.</summary>
    Borrowed,

    /// <summary>A node a cloud provider added to the service's pool for overflow.</summary>
    Overflow,
}
