using System.Text.Json;
using System.Text.Json.Nodes;

namespace Surge.Capacity.Resources;

/// <summary>
/// Compares specs by their JSON form, so collections inside a spec compare by content rather than by reference, and
/// mappings such as labels compare regardless of the order their keys were written in.
/// </summary>
public static class SpecComparer
{
    /// <summary>Returns whether two specs have the same JSON content.</summary>
    public static bool AreEqual<TSpec>(TSpec left, TSpec right) =>
        JsonNode.DeepEquals(JsonSerializer.SerializeToNode(left, JsonSerializerOptions.Web), JsonSerializer.SerializeToNode(right, JsonSerializerOptions.Web));
}
