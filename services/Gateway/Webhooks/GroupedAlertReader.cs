using System.Text.Json;
using Surge.Contracts.Alerts;

namespace Surge.Gateway.Webhooks;

/// <summary>
/// Reads one alert of the grouped shape Alertmanager and Grafana share: <c>status</c>, <c>labels</c>,
/// <c>annotations</c>, <c>startsAt</c>, <c>endsAt</c>, <c>generatorURL</c> and <c>fingerprint</c>. Each source decides
/// what identifies the alert when <c>fingerprint</c> is absent.
/// </summary>
public static class GroupedAlertReader
{
    /// <summary>
    /// Returns the alert, or null after recording each invalid field under <paramref name="path"/>. With
    /// <paramref name="checkFingerprint"/> false the <c>fingerprint</c> field is left to <paramref name="fingerprintWhenAbsent"/>.
    /// </summary>
    public static Alert? Read(JsonElement element, string path, Dictionary<string, string[]> errors, Func<JsonElement, IReadOnlyDictionary<string, string>, string> fingerprintWhenAbsent, bool checkFingerprint = true)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            errors[path] = ["Each alert must be a JSON object."];
            return null;
        }

        var status = WebhookJson.String(element, "status");
        if (status is not ("firing" or "resolved"))
        {
            errors[$"{path}.status"] = [$"status is {(status is null ? "missing" : $"\"{status}\"")}; it must be \"firing\" or \"resolved\"."];
        }

        var labels = WebhookJson.StringMap(element, "labels", path, errors, requiredBecause: "every alert carries its labels, at least alertname.");
        var annotations = WebhookJson.StringMap(element, "annotations", path, errors);
        if (!GoTime.TryParse(WebhookJson.String(element, "startsAt"), out var startsAt))
        {
            errors[$"{path}.startsAt"] = ["startsAt is missing or not an RFC 3339 time such as 2024-05-01T10:00:00.123456789Z."];
        }

        // endsAt is the Go zero time while an alert fires and is not needed to act on it, but a value that is not a
        // time means the body was not written by the sender's encoder.
        if (WebhookJson.OptionalString(element, "endsAt", path, errors) is { Length: > 0 } endsAt && !GoTime.TryParse(endsAt, out _))
        {
            errors[$"{path}.endsAt"] = [$"endsAt \"{endsAt}\" is not an RFC 3339 time; leave it out or send a time such as 0001-01-01T00:00:00Z."];
        }

        WebhookJson.OptionalString(element, "generatorURL", path, errors);
        var fingerprint = checkFingerprint ? WebhookJson.OptionalString(element, "fingerprint", path, errors) : null;
        if (fingerprint is not null && (fingerprint.Length != 16 || !fingerprint.All(char.IsAsciiHexDigitLower)))
        {
            errors[$"{path}.fingerprint"] = [$"fingerprint \"{fingerprint}\" is not 16 lowercase hex digits; leave it out and Surge computes it from the labels."];
        }

        if (labels is null || status is not ("firing" or "resolved"))
        {
            return null;
        }

        return new Alert(status, fingerprint ?? fingerprintWhenAbsent(element, labels), startsAt, labels, annotations ?? new Dictionary<string, string>());
    }
}
