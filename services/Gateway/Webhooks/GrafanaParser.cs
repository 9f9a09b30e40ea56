using System.Text.Json;
using Surge.Contracts.Alerts;
using Surge.ServiceDefaults.Problems;

namespace Surge.Gateway.Webhooks;

/// <summary>
/// Reads a Grafana-managed alerting webhook body (version 1, as Grafana 8, 9 and later send it) into the normalised
/// notification. What each field becomes:
/// <list type="bullet">
/// <item><c>alerts[].status</c>, <c>labels</c>, <c>annotations</c>, <c>startsAt</c>: the alert. Per-alert status counts:
/// the top-level <c>status</c> and <c>state</c> are "firing" while any alert fires and disagree with resolved alerts
/// in the same body.</item>
/// <item><c>alerts[].fingerprint</c>: the alert's identity. Grafana computes it over labels it then removes from the body,
/// so it cannot be recomputed; when it is absent, the identity is the label fingerprint of the labels sent plus
/// <c>ruleUID</c>, which is stable across repeats of one alert but differs from Grafana's own value.</item>
/// <item><c>ruleUID</c>: part of the identity when the fingerprint is absent.</item>
/// <item><c>receiver</c>: kept as the notification's receiver. <c>truncatedAlerts</c>: logged.</item>
/// <item><c>orgId</c>, <c>groupKey</c>, <c>groupLabels</c>, <c>commonLabels</c>, <c>commonAnnotations</c>, <c>externalURL</c>,
/// <c>appVersion</c>, <c>title</c>, <c>state</c>, <c>message</c>, and per alert <c>endsAt</c>, <c>generatorURL</c>,
/// <c>silenceURL</c>, <c>dashboardURL</c>, <c>panelURL</c>, <c>values</c>, <c>valueString</c>, <c>imageURL</c>,
/// <c>embeddedImage</c>, <c>orgId</c>, <c>enrichments</c>: not needed to decide, and unused. The group key is never an
/// identity: it changes with the notification policy tree, and Grafana 8 test sends embed the current time in it.</item>
/// </list>
/// </summary>
public static class GrafanaParser
{
    /// <summary>The source name the notifications carry.</summary>
    public const string Source = "grafana";

    private const string Expected = "the body of a Grafana-managed alerting webhook contact point (version 1) as JSON";

    /// <summary>Parses the body or throws a 400 naming every invalid field.</summary>
    public static ParsedWebhook Read(ReadOnlySpan<byte> body)
    {
        using var document = WebhookJson.ParseObject(body, Expected);
        var root = document.RootElement;
        RejectLegacyAlerting(root);

        var errors = new Dictionary<string, string[]>();
        CheckVersion(root, errors);
        var alerts = new List<Alert>();
        var elements = WebhookJson.Alerts(root, errors);
        for (var i = 0; i < elements.Length; i++)
        {
            if (GroupedAlertReader.Read(elements[i], $"alerts[{i}]", errors, FingerprintWhenAbsent) is { } alert)
            {
                alerts.Add(alert);
            }
        }

        var truncated = WebhookJson.OptionalCount(root, "truncatedAlerts", "", errors) ?? 0;
        if (errors.Count > 0)
        {
            throw new RequestValidationException(errors, "The body is not a Grafana alerting webhook notification (version 1); nothing was stored.");
        }

        return ParsedWebhook.Forward(new AlertNotification(Source, WebhookJson.String(root, "receiver"), alerts), truncated, Summary(alerts));
    }

    /// <summary>The identity of an alert sent without a fingerprint: its labels plus the rule's UID, hashed like Alertmanager's.</summary>
    public static string FingerprintWhenAbsent(JsonElement alert, IReadOnlyDictionary<string, string> labels)
    {
        var ruleUid = WebhookJson.String(alert, "ruleUID");
        if (string.IsNullOrEmpty(ruleUid))
        {
            return LabelFingerprint.Compute(labels);
        }

        // Grafana keeps the rule UID in the private label __alert_rule_uid__ and removes that label from the body.
        // Adding it back keeps two rules with the same visible labels apart.
        var withRule = new Dictionary<string, string>(labels, StringComparer.Ordinal) { ["__alert_rule_uid__"] = ruleUid };
        return LabelFingerprint.Compute(withRule);
    }

    private static void RejectLegacyAlerting(JsonElement root)
    {
        if (!root.TryGetProperty("alerts", out _) && (root.TryGetProperty("evalMatches", out _) || root.TryGetProperty("ruleId", out _)))
        {
            throw new RequestValidationException("body", "This is a legacy dashboard alert body (ruleId, evalMatches), which carries no start time to tell incidents apart. Use Grafana-managed alerting and a webhook contact point; Grafana 8 and later send that body.");
        }
    }

    private static void CheckVersion(JsonElement root, Dictionary<string, string[]> errors)
    {
        var version = WebhookJson.String(root, "version");
        if (version is not (null or "1"))
        {
            errors["version"] = [$"version is \"{version}\"; Grafana's webhook sends \"1\". Alertmanager's webhook (version \"4\") posts to /webhooks/alertmanager."];
        }
    }

    private static string Summary(List<Alert> alerts) =>
        $"{alerts.Count(a => a.Status == "firing")} firing, {alerts.Count(a => a.Status == "resolved")} resolved";
}
