using System.Text.Json;
using Surge.Contracts.Alerts;
using Surge.ServiceDefaults.Problems;

namespace Surge.Gateway.Webhooks;

/// <summary>
/// Reads an Alertmanager webhook body (version 4, every release from 0.x to 0.34, with or without <c>fingerprint</c>
/// and <c>truncatedAlerts</c>) into the normalised notification Capacity matches. It walks the JSON by hand so each
/// error names the exact field; unknown fields are ignored, as new Alertmanager releases add them.
/// </summary>
public static class AlertmanagerParser
{
    /// <summary>The source name the notifications carry.</summary>
    public const string Source = "alertmanager";

    /// <summary>Parses the body or throws a 400 naming every invalid field.</summary>
    public static AlertNotification Parse(ReadOnlySpan<byte> body)
    {
        using var document = ParseJson(body);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new RequestValidationException("body", $"The body is a JSON {root.ValueKind.ToString().ToLowerInvariant()}, not an object. Send the Alertmanager webhook body (version 4).");
        }

        var errors = new Dictionary<string, string[]>();
        CheckVersion(root, errors);
        var alerts = ReadAlerts(root, errors);
        if (errors.Count > 0)
        {
            throw new RequestValidationException(errors, "The body is not an Alertmanager webhook notification (version 4); nothing was stored.");
        }

        return new AlertNotification(Source, ReadString(root, "receiver"), alerts);
    }

    private static JsonDocument ParseJson(ReadOnlySpan<byte> body)
    {
        if (body.IsEmpty)
        {
            throw new RequestValidationException("body", "The body is empty. Send the Alertmanager webhook body (version 4) as JSON.");
        }

        // Duplicate names are rejected because senders disagree on which copy wins, and trailing text after the
        // document is rejected because it means the body is not one JSON value.
        try
        {
            return JsonDocument.Parse(body.ToArray(), new JsonDocumentOptions { MaxDepth = 32, AllowDuplicateProperties = false });
        }
        catch (JsonException exception)
        {
            throw new RequestValidationException("body", $"The body is not valid JSON: {exception.Message}");
        }
    }

    private static void CheckVersion(JsonElement root, Dictionary<string, string[]> errors)
    {
        var version = ReadString(root, "version");
        if (version is null && root.TryGetProperty("version", out var raw))
        {
            errors["version"] = [$"version is the JSON {raw.ValueKind.ToString().ToLowerInvariant()} {raw.GetRawText()}; Alertmanager sends it as the string \"4\"."];
        }
        else if (version is null)
        {
            errors["version"] = ["version is missing. Alertmanager sends \"version\": \"4\"; if webhook_config.payload replaces the body, remove that template for this receiver."];
        }
        else if (version != "4")
        {
            errors["version"] = [$"version is \"{version}\"; only the Alertmanager webhook version \"4\" is supported."];
        }
    }

    private static List<Alert> ReadAlerts(JsonElement root, Dictionary<string, string[]> errors)
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

        var alerts = new List<Alert>();
        var index = 0;
        foreach (var element in array.EnumerateArray())
        {
            if (ReadAlert(element, $"alerts[{index}]", errors) is { } alert)
            {
                alerts.Add(alert);
            }

            index++;
        }

        return alerts;
    }

    private static Alert? ReadAlert(JsonElement element, string path, Dictionary<string, string[]> errors)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            errors[path] = ["Each alert must be a JSON object."];
            return null;
        }

        var status = ReadString(element, "status");
        if (status is not ("firing" or "resolved"))
        {
            errors[$"{path}.status"] = [$"status is {(status is null ? "missing" : $"\"{status}\"")}; it must be \"firing\" or \"resolved\"."];
        }

        var labels = ReadStringMap(element, "labels", path, errors, required: true);
        var annotations = ReadStringMap(element, "annotations", path, errors, required: false);
        if (!GoTime.TryParse(ReadString(element, "startsAt"), out var startsAt))
        {
            errors[$"{path}.startsAt"] = ["startsAt is missing or not an RFC 3339 time such as 2024-05-01T10:00:00.123456789Z."];
        }

        var fingerprint = ReadString(element, "fingerprint");
        if (fingerprint is not null && (fingerprint.Length != 16 || !fingerprint.All(char.IsAsciiHexDigitLower)))
        {
            errors[$"{path}.fingerprint"] = [$"fingerprint \"{fingerprint}\" is not 16 lowercase hex digits; leave it out and Surge computes it from the labels."];
        }

        if (labels is null || status is null)
        {
            return null;
        }

        return new Alert(status, fingerprint ?? LabelFingerprint.Compute(labels), startsAt, labels, annotations ?? new Dictionary<string, string>());
    }

    private static Dictionary<string, string>? ReadStringMap(JsonElement element, string name, string path, Dictionary<string, string[]> errors, bool required)
    {
        if (!element.TryGetProperty(name, out var map) || map.ValueKind == JsonValueKind.Null)
        {
            if (required)
            {
                errors[$"{path}.{name}"] = [$"{name} is missing; every Alertmanager alert carries its labels, at least alertname."];
            }

            return null;
        }

        if (map.ValueKind != JsonValueKind.Object || map.EnumerateObject().Any(p => p.Value.ValueKind != JsonValueKind.String))
        {
            errors[$"{path}.{name}"] = [$"{name} must be an object whose values are strings."];
            return null;
        }

        var values = map.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!, StringComparer.Ordinal);
        if (required && values.Count == 0)
        {
            errors[$"{path}.{name}"] = [$"{name} is empty; every Alertmanager alert carries its labels, at least alertname."];
            return null;
        }

        return values;
    }

    private static string? ReadString(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
