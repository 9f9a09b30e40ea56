using System.Text;
using System.Text.Json;
using Surge.Contracts.Alerts;
using Surge.ServiceDefaults.Problems;

namespace Surge.Gateway.Webhooks;

/// <summary>
/// Reads the CloudWatch alarm inside an SNS notification's <c>Message</c>. What each field becomes:
/// <list type="bullet">
/// <item><c>NewStateValue</c>: ALARM is firing, OK is resolved, INSUFFICIENT_DATA is ignored with a reason.</item>
/// <item><c>AlarmArn</c> (or, in older messages, <c>AlarmName</c>, <c>AWSAccountId</c> and the topic's region):
/// the fingerprint, so one alarm is one identity however its dimensions or description change.</item>
/// <item><c>StateChangeTime</c>: the start time. CloudWatch notifies once per state change and SNS retries the same
/// message, so every delivery of one transition into ALARM carries the same time.</item>
/// <item><c>AlarmName</c>, <c>AWSAccountId</c>, the region, <c>Trigger.Namespace</c>, <c>Trigger.MetricName</c> and each
/// dimension (also those of <c>Trigger.Metrics</c> for metric math alarms): labels; the dimensions are also kept as
/// the alert's dimensions.</item>
/// <item><c>AlarmDescription</c>, <c>NewStateReason</c>, <c>OldStateValue</c>, <c>Region</c> and the SNS <c>Subject</c>:
/// annotations.</item>
/// <item>The rest of <c>Trigger</c>, the action lists, <c>AlarmConfigurationUpdatedTimestamp</c>, <c>AlarmRule</c> and
/// <c>TriggeringChildren</c> of composite alarms: not needed to decide, and unused.</item>
/// </list>
/// </summary>
public static class CloudWatchAlarmParser
{
    /// <summary>The source name the notifications carry.</summary>
    public const string Source = "cloudwatch";

    /// <summary>Parses the alarm of a notification, or throws a 400 naming every invalid field of <c>Message</c>.</summary>
    public static ParsedWebhook Read(SnsMessage notification)
    {
        using var document = WebhookJson.ParseObject(Encoding.UTF8.GetBytes(notification.Message), "a CloudWatch alarm as the Message of the SNS notification");
        var alarm = document.RootElement;
        var errors = new Dictionary<string, string[]>();

        var name = Required(alarm, "AlarmName", errors);
        var state = Required(alarm, "NewStateValue", errors);
        var changedAt = Required(alarm, "StateChangeTime", errors);
        var account = WebhookJson.OptionalString(alarm, "AWSAccountId", "Message", errors) ?? notification.Account;
        var arn = WebhookJson.OptionalString(alarm, "AlarmArn", "Message", errors);
        if (changedAt is not null && !TryParseTime(changedAt, out _))
        {
            errors["Message.StateChangeTime"] = [$"StateChangeTime \"{changedAt}\" is not a time such as 2019-02-15T23:53:45.093+0000."];
        }

        if (state is not (null or "ALARM" or "OK" or "INSUFFICIENT_DATA"))
        {
            errors["Message.NewStateValue"] = [$"NewStateValue is \"{state}\"; CloudWatch sends ALARM, OK or INSUFFICIENT_DATA."];
        }

        if (arn is null && account is null)
        {
            errors["Message.AWSAccountId"] = ["AWSAccountId is missing and so is AlarmArn; one of them is needed to tell alarms of different accounts apart."];
        }

        if (errors.Count > 0)
        {
            throw new RequestValidationException(errors, "The SNS notification does not carry a CloudWatch alarm; nothing was stored.");
        }

        TryParseTime(changedAt!, out var startsAt);
        var region = RegionOf(arn) ?? notification.Region ?? WebhookJson.String(alarm, "Region") ?? "";
        var fingerprint = LabelFingerprint.OfText(arn ?? $"arn:aws:cloudwatch:{region}:{account}:alarm:{name}");
        if (state == "INSUFFICIENT_DATA")
        {
            return ParsedWebhook.Ignore(fingerprint, $"CloudWatch alarm '{name}' entered INSUFFICIENT_DATA, which says nothing about load; nothing was scaled.");
        }

        var dimensions = Dimensions(alarm);
        var labels = Labels(alarm, name!, account, region, dimensions);
        var alert = new Alert(state == "ALARM" ? "firing" : "resolved", fingerprint, startsAt, labels, Annotations(alarm, notification, arn), dimensions);
        return ParsedWebhook.Forward(new AlertNotification(Source, notification.TopicArn, [alert]), note: $"{WebhookJson.String(alarm, "OldStateValue")} -> {state}");
    }

    /// <summary>Parses CloudWatch's time format, whose offset has no colon (<c>+0000</c>), and RFC 3339.</summary>
    public static bool TryParseTime(string text, out DateTimeOffset value)
    {
        if (text.Length > 5 && text[^5] is '+' or '-' && text[^4..].All(char.IsAsciiDigit))
        {
            text = $"{text[..^2]}:{text[^2..]}";
        }

        return GoTime.TryParse(text, out value);
    }

    private static Dictionary<string, string> Labels(JsonElement alarm, string name, string? account, string region, Dictionary<string, string> dimensions)
    {
        var labels = new Dictionary<string, string>(dimensions, StringComparer.Ordinal);

        // Surge's own labels win over a dimension of the same name; the dimension stays in Dimensions.
        labels["alertname"] = name;
        labels["aws_account_id"] = account ?? "";
        labels["aws_region"] = region;
        if (alarm.TryGetProperty("Trigger", out var trigger) && trigger.ValueKind == JsonValueKind.Object)
        {
            AddIfPresent(labels, "aws_namespace", WebhookJson.String(trigger, "Namespace"));
            AddIfPresent(labels, "metric_name", WebhookJson.String(trigger, "MetricName"));
        }

        return labels;
    }

    private static Dictionary<string, string> Annotations(JsonElement alarm, SnsMessage notification, string? arn)
    {
        var annotations = new Dictionary<string, string>(StringComparer.Ordinal);
        AddIfPresent(annotations, "description", WebhookJson.String(alarm, "AlarmDescription"));
        AddIfPresent(annotations, "summary", notification.Subject);
        AddIfPresent(annotations, "reason", WebhookJson.String(alarm, "NewStateReason"));
        AddIfPresent(annotations, "old_state", WebhookJson.String(alarm, "OldStateValue"));
        AddIfPresent(annotations, "region_name", WebhookJson.String(alarm, "Region"));
        AddIfPresent(annotations, "alarm_arn", arn);
        return annotations;
    }

    // Dimensions sit in Trigger.Dimensions for a metric alarm and in each Trigger.Metrics[].MetricStat.Metric for a
    // metric math alarm; the first value of a name wins.
    private static Dictionary<string, string> Dimensions(JsonElement alarm)
    {
        var dimensions = new Dictionary<string, string>(StringComparer.Ordinal);
        if (!alarm.TryGetProperty("Trigger", out var trigger) || trigger.ValueKind != JsonValueKind.Object)
        {
            return dimensions;
        }

        AddDimensions(trigger, dimensions);
        if (trigger.TryGetProperty("Metrics", out var metrics) && metrics.ValueKind == JsonValueKind.Array)
        {
            foreach (var metric in metrics.EnumerateArray())
            {
                if (metric.ValueKind == JsonValueKind.Object && metric.TryGetProperty("MetricStat", out var stat) && stat.ValueKind == JsonValueKind.Object
                    && stat.TryGetProperty("Metric", out var inner) && inner.ValueKind == JsonValueKind.Object)
                {
                    AddDimensions(inner, dimensions);
                }
            }
        }

        return dimensions;
    }

    private static void AddDimensions(JsonElement owner, Dictionary<string, string> dimensions)
    {
        if (!owner.TryGetProperty("Dimensions", out var list) || list.ValueKind != JsonValueKind.Array)
        {
            return;
        }

        foreach (var dimension in list.EnumerateArray().Where(d => d.ValueKind == JsonValueKind.Object))
        {
            // CloudWatch writes the keys in lower case here ("name", "value"), unlike the rest of the message.
            var name = WebhookJson.String(dimension, "name") ?? WebhookJson.String(dimension, "Name");
            var value = WebhookJson.String(dimension, "value") ?? WebhookJson.String(dimension, "Value");
            if (!string.IsNullOrEmpty(name) && value is not null)
            {
                dimensions.TryAdd(name, value);
            }
        }
    }

    private static string? RegionOf(string? arn) => arn?.Split(':') is { Length: >= 4 } parts && parts[3].Length > 0 ? parts[3] : null;

    private static string? Required(JsonElement alarm, string name, Dictionary<string, string[]> errors)
    {
        var value = WebhookJson.OptionalString(alarm, name, "Message", errors);
        if (string.IsNullOrEmpty(value) && !errors.ContainsKey($"Message.{name}"))
        {
            errors[$"Message.{name}"] = [$"{name} is missing; every CloudWatch alarm notification carries it."];
        }

        return value;
    }

    private static void AddIfPresent(Dictionary<string, string> map, string key, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            map[key] = value;
        }
    }
}
