using System.Text;
using System.Text.Json;

namespace Surge.Cli.Output;

/// <summary>Summarises an event's body on one line: <c>name=value</c> for scalars, <c>name=[n]</c> for lists.</summary>
/// <remarks>
/// Event bodies differ per type and service, so the summary is generic. Saga ids are left out because every
/// event of a saga carries the same one, and the line is cut at <see cref="MaxLength"/> characters.
/// </remarks>
internal static class EventDataSummary
{
    public const int MaxLength = 110;

    private const int MaxListedValues = 3;

    /// <summary>Returns the one-line summary of <paramref name="data"/>.</summary>
    public static string Summarize(JsonElement data)
    {
        if (data.ValueKind != JsonValueKind.Object)
        {
            return Shorten(Scalar(data));
        }

        var parts = new List<string>();
        foreach (var property in data.EnumerateObject())
        {
            if (property.Name.Equals("sagaId", StringComparison.OrdinalIgnoreCase)
                || property.Value.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined)
            {
                continue;
            }

            parts.Add(property.Name + "=" + Value(property.Value));
        }

        return Shorten(string.Join(" ", parts));
    }

    private static string Value(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Array => List(value),
        JsonValueKind.Object => "{…}",
        _ => Scalar(value),
    };

    /// <summary>Lists up to three scalar items, such as <c>[10.0.0.1, 10.0.0.2]</c>; otherwise gives the count, such as <c>[5]</c>.</summary>
    private static string List(JsonElement array)
    {
        var items = array.EnumerateArray().ToList();
        var allScalar = items.All(item => item.ValueKind is not (JsonValueKind.Array or JsonValueKind.Object));
        if (items.Count == 0 || !allScalar || items.Count > MaxListedValues)
        {
            return "[" + items.Count + "]";
        }

        return "[" + string.Join(", ", items.Select(Scalar)) + "]";
    }

    private static string Scalar(JsonElement value) =>
        value.ValueKind == JsonValueKind.String ? value.GetString() ?? "" : value.GetRawText();

    private static string Shorten(string text)
    {
        var singleLine = new StringBuilder(text).Replace('\n', ' ').Replace('\r', ' ').ToString();
        return singleLine.Length <= MaxLength ? singleLine : singleLine[..(MaxLength - 1)] + "…";
    }
}
