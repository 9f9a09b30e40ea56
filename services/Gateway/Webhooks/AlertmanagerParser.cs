using System.Text.Json;
using Surge.Contracts.Alerts;
using Surge.ServiceDefaults.Problems;

namespace Surge.Gateway.Webhooks;

/// <summary>
/// Reads an Alertmanager webhook body (version 4, every release from 0.x to 0.34, with or without <c>fingerprint</c>
/// and <c>truncatedAlerts</c>) into the normalised notification Capacity matches. What each field becomes:
/// <list type="bullet">
/// <item><c>alerts[].status</c>, <c>labels</c>, <c>annotations</c>, <c>startsAt</c>: the alert; per-alert status counts,
/// the top-level <c>status</c> only summarises it.</item>
/// <item><c>alerts[].fingerprint</c>: the alert's identity; absent before 0.19, then recomputed from the labels the same
/// way Alertmanager computes it, so old and new peers of one pair dedupe alike.</item>
/// <item><c>truncatedAlerts</c> and <c>notification_reason</c>: logged; the dropped alerts come again with the next
/// notification of the group.</item>
/// <item><c>receiver</c>: kept as the notification's receiver.</item>
/// <item><c>groupKey</c>, <c>groupLabels</c>, <c>commonLabels</c>, <c>commonAnnotations</c>, <c>routeLabels</c>,
/// <c>externalURL</c>, <c>endsAt</c>, <c>generatorURL</c>: checked for their type and otherwise unused. The group key in
/// particular is never part of an identity, because it changes when the routing tree changes.</item>
/// </list>
/// </summary>
public static class AlertmanagerParser
{
    /// <summary>The source name the notifications carry.</summary>
    public const string Source = "alertmanager";

    private const string Expected = "the Alertmanager webhook body (version 4) as JSON";

    /// <summary>Parses the body or throws a 400 naming every invalid field.</summary>
    public static AlertNotification Parse(ReadOnlySpan<byte> body) => Read(body).Notification!;

    /// <summary>Parses the body with what the log needs besides the alerts, or throws a 400 naming every invalid field.</summary>
    public static ParsedWebhook Read(ReadOnlySpan<byte> body)
    {
        using var document = WebhookJson.ParseObject(body, Expected);
        var root = document.RootElement;

        var errors = new Dictionary<string, string[]>();
        CheckVersion(root, errors);
        var alerts = ReadAlerts(root, errors);
        var truncated = WebhookJson.OptionalCount(root, "truncatedAlerts", "", errors) ?? 0;
        var reason = WebhookJson.OptionalString(root, "notification_reason", "", errors);
        CheckGroupFields(root, errors);
        if (errors.Count > 0)
        {
            throw new RequestValidationException(errors, "The body is not an Alertmanager webhook notification (version 4); nothing was stored.");
        }

        return ParsedWebhook.Forward(new AlertNotification(Source, WebhookJson.String(root, "receiver"), alerts), truncated, reason);
    }

    private static void CheckVersion(JsonElement root, Dictionary<string, string[]> errors)
    {
        var version = WebhookJson.String(root, "version");
        if (version is null && root.TryGetProperty("version", out var raw))
        {
            errors["version"] = [$"version is the JSON {WebhookJson.Kind(raw)} {raw.GetRawText()}; Alertmanager sends it as the string \"4\"."];
        }
        else if (version is null)
        {
            errors["version"] = ["version is missing. Alertmanager sends \"version\": \"4\"; if webhook_config.payload replaces the body, remove that template for this receiver."];
        }
        else if (version != "4")
        {
            errors["version"] = [$"version is \"{version}\"; only the Alertmanager webhook version \"4\" is supported. Grafana's contact points post to /webhooks/grafana."];
        }
    }

    private static List<Alert> ReadAlerts(JsonElement root, Dictionary<string, string[]> errors)
    {
        var alerts = new List<Alert>();
        var elements = WebhookJson.Alerts(root, errors);
        for (var i = 0; i < elements.Length; i++)
        {
            if (GroupedAlertReader.Read(elements[i], $"alerts[{i}]", errors, static (_, labels) => LabelFingerprint.Compute(labels)) is { } alert)
            {
                alerts.Add(alert);
            }
        }

        return alerts;
    }

    private static void CheckGroupFields(JsonElement root, Dictionary<string, string[]> errors)
    {
        var status = WebhookJson.OptionalString(root, "status", "", errors);
        if (status is not (null or "firing" or "resolved"))
        {
            errors["status"] = [$"status is \"{status}\"; Alertmanager sends \"firing\" or \"resolved\"."];
        }

        foreach (var name in (string[])["receiver", "groupKey", "externalURL"])
        {
            WebhookJson.OptionalString(root, name, "", errors);
        }

        foreach (var name in (string[])["groupLabels", "commonLabels", "commonAnnotations", "routeLabels"])
        {
            WebhookJson.StringMap(root, name, "", errors);
        }
    }
}
