using System.Text.Json;

namespace Surge.Capacity.Resources;

/// <summary>Compares specs by their JSON form, so collections inside a spec compare by content rather than by reference.</summary>
public static class SpecComparer
{
    /// <summary>Returns whether two specs serialise to the same JSON.</summary>
    public static bool AreEqual<TSpec>(TSpec left, TSpec right) =>
        JsonSerializer.Serialize(left, JsonSerializerOptions.Web) == JsonSerializer.Serialize(right, JsonSerializerOptions.Web);
}
