using System.Text.Json;

namespace Surge.Gateway.Webhooks;

/// <summary>
/// Parses CloudMonitor's <c>dimensions</c> field. Threshold callbacks write it the way Java prints a map,
/// <c>{instanceId=i-1, userId=2}</c>; older callbacks sent a JSON list of objects, <c>[{"instanceId":"i-1"}]</c>.
/// </summary>
public static class CloudMonitorDimensions
{
    /// <summary>Returns the dimensions, or null when the text is neither form.</summary>
    public static Dictionary<string, string>? Parse(string? text)
    {
        var dimensions = new Dictionary<string, string>(StringComparer.Ordinal);
        text = text?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            return dimensions;
        }

        if (text.StartsWith('['))
        {
            return ParseJson(text);
        }

        if (!text.StartsWith('{') || !text.EndsWith('}'))
        {
            return null;
        }

        if (text.Length > 1 && text[1] == '"')
        {
            return ParseJson($"[{text}]");
        }

        // A value may itself contain ", " (an instance name, say), so a piece without '=' belongs to the value before it.
        string? last = null;
        foreach (var piece in text[1..^1].Split(", "))
        {
            var equals = piece.IndexOf('=', StringComparison.Ordinal);
            if (equals > 0)
            {
                last = piece[..equals].Trim();
                dimensions[last] = piece[(equals + 1)..];
            }
            else if (last is not null)
            {
                dimensions[last] += ", " + piece;
            }
            else if (piece.Trim().Length > 0)
            {
                return null;
            }
        }

        return dimensions;
    }

    private static Dictionary<string, string>? ParseJson(string text)
    {
        try
        {
            using var document = JsonDocument.Parse(text);
            var dimensions = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var entry in document.RootElement.EnumerateArray())
            {
                foreach (var property in entry.EnumerateObject())
                {
                    dimensions[property.Name] = property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString()! : property.Value.GetRawText();
                }
            }

            return dimensions;
        }
        catch (Exception exception) when (exception is JsonException or InvalidOperationException)
        {
            return null;
        }
    }
}
