using System.Text.Json;
using Surge.ServiceDefaults.Problems;

namespace Surge.Gateway.Webhooks;

/// <summary>
/// Reads webhook JSON by hand, so each error names the exact field. Unknown fields are ignored everywhere, because
/// alarm systems add fields in new releases and a receiver that rejects them breaks on upgrade.
/// </summary>
public static class WebhookJson
{
    /// <summary>Parses a body that must be one JSON object; <paramref name="expected"/> names what to send instead.</summary>
    public static JsonDocument ParseObject(ReadOnlySpan<byte> body, string expected)
    {
        if (body.IsEmpty)
        {
            throw new RequestValidationException("body", $"The body is empty. Send {expected}.");
        }

        JsonDocument document;

        // Duplicate names are rejected because senders disagree on which copy wins, and trailing text after the
        // document is rejected because it means the body is not one JSON value.
        try
        {
            document = JsonDocument.Parse(body.ToArray(), new JsonDocumentOptions { MaxDepth = 32, AllowDuplicateProperties = false });
        }
        catch (JsonException exception)
        {
            throw new RequestValidationException("body", $"The body is not valid JSON: {exception.Message} Send {expected}.");
        }

        if (document.RootElement.ValueKind != JsonValueKind.Object)
        {
            var kind = Kind(document.RootElement);
            document.Dispose();
            throw new RequestValidationException("body", $"The body is a JSON {kind}, not an object. Send {expected}.");
        }

        return document;
    }

    /// <summary>Returns a string property, or null when it is absent, null or not a string.</summary>
    public static string? String(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    /// <summary>Returns a string property, recording an error when it is present with another type.</summary>
    public static string? OptionalString(JsonElement element, string name, string path, Dictionary<string, string[]> errors)
    {
        if (!element.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            errors[Join(path, name)] = [$"{name} is the JSON {Kind(value)} {Shorten(value.GetRawText())}; it must be a string."];
            return null;
        }

        return value.GetString();
    }

    /// <summary>
    /// Returns an object of string values, or null when absent. Records an error when the value has another shape, or
    /// when it is required and absent or empty.
    /// </summary>
    public static Dictionary<string, string>? StringMap(JsonElement element, string name, string path, Dictionary<string, string[]> errors, string? requiredBecause = null)
    {
        var field = Join(path, name);
        if (!element.TryGetProperty(name, out var map) || map.ValueKind == JsonValueKind.Null)
        {
            if (requiredBecause is not null)
            {
                errors[field] = [$"{name} is missing; {requiredBecause}"];
            }

            return null;
        }

        if (map.ValueKind != JsonValueKind.Object || map.EnumerateObject().Any(p => p.Value.ValueKind != JsonValueKind.String))
        {
            errors[field] = [$"{name} must be an object whose values are strings."];
            return null;
        }

        var values = map.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!, StringComparer.Ordinal);
        if (requiredBecause is not null && values.Count == 0)
        {
            errors[field] = [$"{name} is empty; {requiredBecause}"];
            return null;
        }

        return values;
    }

    /// <summary>Returns a non-negative whole number, or null when absent; records an error when it is anything else.</summary>
    public static long? OptionalCount(JsonElement element, string name, string path, Dictionary<string, string[]> errors)
    {
        if (!element.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var count) && count >= 0)
        {
            return count;
        }

        errors[Join(path, name)] = [$"{name} is {Shorten(value.GetRawText())}; it must be a whole number of at least 0."];
        return null;
    }

    /// <summary>Returns the array of alerts, recording an error when it is missing, empty or not an array.</summary>
    public static JsonElement[] Alerts(JsonElement root, Dictionary<string, string[]> errors)
    {
        if (!root.TryGetProperty("alerts", out var array) || array.ValueKind != JsonValueKind.Array)
        {
            errors["alerts"] = ["alerts is missing or not an array."];
            return [];
        }

        if (array.GetArrayLength() == 0)
        {
            errors["alerts"] = ["alerts is empty; a notification carries at least one alert."];
            return [];
        }

        return [.. array.EnumerateArray()];
    }

    /// <summary>Names a JSON value kind the way a reader of the API would.</summary>
    public static string Kind(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.True or JsonValueKind.False => "boolean",
        var kind => kind.ToString().ToLowerInvariant(),
    };

    private static string Join(string path, string name) => path.Length == 0 ? name : $"{path}.{name}";

    private static string Shorten(string raw) => raw.Length <= 40 ? raw : raw[..40] + "...";
}
