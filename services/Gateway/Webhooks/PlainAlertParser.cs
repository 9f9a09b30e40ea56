using System.Text.Json;
using Surge.Contracts.Alerts;
using Surge.ServiceDefaults.Problems;

namespace Surge.Gateway.Webhooks;

/// <summary>
/// Reads Surge's own alert form, for monitoring systems without a dedicated intake: <c>receiver</c> (optional) and
/// <c>alerts</c>, each with <c>status</c>, <c>labels</c>, <c>startsAt</c>, and optionally <c>annotations</c> and
/// <c>fingerprint</c>. Unlike the other sources the form is Surge's, so an unknown field is an error: it is most likely
/// a misspelt one.
/// </summary>
public static class PlainAlertParser
{
    /// <summary>The source name the notifications carry.</summary>
    public const string Source = "json";

    /// <summary>The longest fingerprint accepted.</summary>
    public const int MaxFingerprintLength = 128;

    private static readonly HashSet<string> RootFields = ["receiver", "alerts"];
    private static readonly HashSet<string> AlertFields = ["status", "labels", "annotations", "startsAt", "fingerprint"];

    private const string Expected = "Surge's alert form as JSON: {\"alerts\": [{\"status\": \"firing\", \"labels\": {...}, \"startsAt\": \"...\"}]}";

    /// <summary>Parses the body or throws a 400 naming every invalid field.</summary>
    public static ParsedWebhook Read(ReadOnlySpan<byte> body)
    {
        using var document = WebhookJson.ParseObject(body, Expected);
        var root = document.RootElement;
        var errors = new Dictionary<string, string[]>();
        RejectUnknown(root, RootFields, "", errors);

        var receiver = WebhookJson.OptionalString(root, "receiver", "", errors);
        var alerts = new List<Alert>();
        var elements = WebhookJson.Alerts(root, errors);
        for (var i = 0; i < elements.Length; i++)
        {
            if (ReadAlert(elements[i], $"alerts[{i}]", errors) is { } alert)
            {
                alerts.Add(alert);
            }
        }

        if (errors.Count > 0)
        {
            throw new RequestValidationException(errors, "The body is not a Surge alert notification; nothing was stored. See docs/guide/alert-sources.md for the form.");
        }

        return ParsedWebhook.Forward(new AlertNotification(Source, receiver, alerts));
    }

    private static Alert? ReadAlert(JsonElement element, string path, Dictionary<string, string[]> errors)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            errors[path] = ["Each alert must be a JSON object."];
            return null;
        }

        RejectUnknown(element, AlertFields, path, errors);
        var fingerprint = WebhookJson.OptionalString(element, "fingerprint", path, errors);
        if (fingerprint is not null && (fingerprint.Length is 0 or > MaxFingerprintLength || fingerprint.Any(c => c is <= ' ' or > '~')))
        {
            errors[$"{path}.fingerprint"] = [$"fingerprint must be 1 to {MaxFingerprintLength} printable ASCII characters without spaces, such as the id of the alerting condition; leave it out and Surge computes it from the labels."];
        }

        if (!element.TryGetProperty("startsAt", out _))
        {
            errors[$"{path}.startsAt"] = ["startsAt is missing. Give the time the condition started, the same in every repeat of one incident, such as 2026-03-01T11:58:30Z."];
        }

        return GroupedAlertReader.Read(element, path, errors, (_, labels) => fingerprint ?? LabelFingerprint.Compute(labels), checkFingerprint: false);
    }

    private static void RejectUnknown(JsonElement element, HashSet<string> known, string path, Dictionary<string, string[]> errors)
    {
        foreach (var property in element.EnumerateObject().Where(p => !known.Contains(p.Name)))
        {
            var field = path.Length == 0 ? property.Name : $"{path}.{property.Name}";
            errors[field] = [$"'{property.Name}' is not a field of the form; the fields are {string.Join(", ", known)}."];
        }
    }
}
