using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Primitives;
using Surge.Contracts.Alerts;
using Surge.ServiceDefaults.Problems;

namespace Surge.Gateway.Webhooks;

/// <summary>
/// Reads an Alibaba Cloud CloudMonitor threshold alert callback, a form-encoded body in which an absent value is the
/// literal text <c>null</c>. What each field becomes:
/// <list type="bullet">
/// <item><c>alertState</c>: ALERT (ALARM in some releases) is firing, OK is resolved, INSUFFICIENT_DATA is ignored with a
/// reason.</item>
/// <item><c>ruleId</c> and <c>dimensions</c>: the fingerprint; one rule alerts once per resource, and the dimensions name
/// the resource.</item>
/// <item><c>timestamp</c> (seconds or milliseconds) minus <c>lastTime</c> (how long the alert has lasted), cut to the
/// minute: the start time, the same for the first notification, each repeat after the mute period, and the OK.</item>
/// <item><c>alertName</c>, <c>ruleId</c>, <c>metricProject</c> (or <c>namespace</c>), <c>metricName</c>, <c>userId</c>,
/// <c>groupId</c>, <c>productGroupName</c>, <c>triggerLevel</c>, <c>regionId</c>, <c>instanceName</c> and each dimension:
/// labels, text kept as sent (Chinese included); the dimensions are also kept as the alert's dimensions.</item>
/// <item><c>expression</c>, <c>curValue</c>, <c>unit</c>, <c>lastTime</c>, <c>preTriggerLevel</c>, <c>rawMetricName</c>,
/// <c>regionName</c>, <c>transId</c>: annotations.</item>
/// <item><c>signature</c>: unused; Alibaba does not publish how to check it, so the callback URL carries Surge's own
/// shared secret instead.</item>
/// </list>
/// </summary>
public static class CloudMonitorParser
{
    /// <summary>The source name the notifications carry.</summary>
    public const string Source = "cloudmonitor";

    private static readonly (string Field, string Label)[] LabelFields =
    [
        ("alertName", "alertname"), ("ruleId", "rule_id"), ("metricName", "metric_name"), ("userId", "user_id"),
        ("groupId", "group_id"), ("productGroupName", "product_group_name"), ("triggerLevel", "trigger_level"),
        ("regionId", "region_id"), ("instanceName", "instance_name"),
    ];

    private static readonly (string Field, string Annotation)[] AnnotationFields =
    [
        ("expression", "expression"), ("lastTime", "last_time"), ("preTriggerLevel", "pre_trigger_level"),
        ("rawMetricName", "raw_metric_name"), ("regionName", "region_name"), ("transId", "trans_id"),
    ];

    /// <summary>Parses the form body or throws a 400 naming every invalid field.</summary>
    public static ParsedWebhook Read(ReadOnlySpan<byte> body)
    {
        var form = ReadForm(body);
        var errors = new Dictionary<string, string[]>();

        var state = Value(form, "alertState");
        var name = Value(form, "alertName");
        if (state is null)
        {
            errors["alertState"] = ["alertState is missing; CloudMonitor sends ALERT, OK or INSUFFICIENT_DATA."];
        }
        else if (state is not ("ALERT" or "ALARM" or "OK" or "INSUFFICIENT_DATA"))
        {
            errors["alertState"] = [$"alertState is \"{state}\"; CloudMonitor sends ALERT, OK or INSUFFICIENT_DATA."];
        }

        if (name is null)
        {
            errors["alertName"] = ["alertName is missing; every CloudMonitor threshold callback carries it."];
        }

        var notifiedAt = Timestamp(Value(form, "timestamp"), errors);
        var dimensions = CloudMonitorDimensions.Parse(Value(form, "dimensions"));
        if (dimensions is null)
        {
            errors["dimensions"] = ["dimensions is neither {key=value, key=value} nor a JSON list of objects."];
        }

        if (errors.Count > 0)
        {
            throw new RequestValidationException(errors, "The body is not a CloudMonitor threshold alert callback; nothing was stored.");
        }

        var fingerprint = Fingerprint(form, dimensions!);
        if (state == "INSUFFICIENT_DATA")
        {
            return ParsedWebhook.Ignore(fingerprint, $"CloudMonitor alert '{name}' has insufficient data, which says nothing about load; nothing was scaled.") with { SentAt = notifiedAt };
        }

        var (startsAt, note) = StartsAt(notifiedAt, Value(form, "lastTime"));
        var alert = new Alert(state == "OK" ? "resolved" : "firing", fingerprint, startsAt, Labels(form, dimensions!), Annotations(form), dimensions);
        return ParsedWebhook.Forward(new AlertNotification(Source, Value(form, "productGroupName"), [alert]), note: note) with { SentAt = notifiedAt };
    }

    /// <summary>Returns a field's value, or null when it is absent, empty or the literal <c>null</c> CloudMonitor writes for absent.</summary>
    private static string? Value(Dictionary<string, StringValues> form, string name) =>
        form.TryGetValue(name, out var values) && values.ToString() is { Length: > 0 } value && value != "null" ? value : null;

    private static Dictionary<string, StringValues> ReadForm(ReadOnlySpan<byte> body)
    {
        if (body.IsEmpty)
        {
            throw new RequestValidationException("body", "The body is empty. Send a CloudMonitor threshold alert callback (application/x-www-form-urlencoded).");
        }

        string text;
        try
        {
            text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(body);
        }
        catch (DecoderFallbackException)
        {
            throw new RequestValidationException("body", "The body is not UTF-8. CloudMonitor sends its callbacks as UTF-8 form fields.");
        }

        using var reader = new FormReader(text);
        var form = reader.ReadForm();
        var repeated = form.Where(field => field.Value.Count > 1).Select(field => field.Key).ToList();
        if (repeated.Count > 0)
        {
            throw new RequestValidationException(repeated.ToDictionary(key => key, key => new[] { $"{key} appears more than once; CloudMonitor sends each field once." }), "The body repeats fields; nothing was stored.");
        }

        return new Dictionary<string, StringValues>(form, StringComparer.Ordinal);
    }

    // CloudMonitor has sent seconds and milliseconds since 1970; no alert is older than 2001-09-09 (10^9 s), and a
    // count of milliseconds passes 10^12 in 2001 too, so the magnitude distinguishes them.
    private static DateTimeOffset Timestamp(string? text, Dictionary<string, string[]> errors)
    {
        if (!long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var number) || number <= 0)
        {
            errors["timestamp"] = [$"timestamp is {(text is null ? "missing" : $"\"{text}\"")}; it must be the time in seconds or milliseconds since 1970."];
            return default;
        }

        try
        {
            return number >= 1_000_000_000_000 ? DateTimeOffset.FromUnixTimeMilliseconds(number) : DateTimeOffset.FromUnixTimeSeconds(number);
        }
        catch (ArgumentOutOfRangeException)
        {
            errors["timestamp"] = [$"timestamp {text} is out of range; it must be the time in seconds or milliseconds since 1970."];
            return default;
        }
    }

    // lastTime is written in whole minutes, so the start is known to the minute: cutting to the minute makes repeats
    // agree although each is sent at a different second.
    private static (DateTimeOffset StartsAt, string? Note) StartsAt(DateTimeOffset notifiedAt, string? lastTime)
    {
        if (!CloudMonitorDuration.TryParse(lastTime, out var lasted))
        {
            return (Minute(notifiedAt), $"lastTime '{lastTime}' is not a duration; the notification time stands in for the start");
        }

        return (Minute(notifiedAt - lasted), null);
    }

    private static DateTimeOffset Minute(DateTimeOffset time) =>
        new(time.UtcTicks - (time.UtcTicks % TimeSpan.TicksPerMinute), TimeSpan.Zero);

    private static string Fingerprint(Dictionary<string, StringValues> form, Dictionary<string, string> dimensions)
    {
        var identity = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            // Without a rule id, the alert is known by its owner, metric and name.
            ["rule_id"] = Value(form, "ruleId") ?? $"{Value(form, "userId")}/{Value(form, "metricProject") ?? Value(form, "namespace")}/{Value(form, "metricName")}/{Value(form, "alertName")}",
        };
        foreach (var (key, value) in dimensions)
        {
            identity["dimension:" + key] = value;
        }

        return LabelFingerprint.Compute(identity);
    }

    private static Dictionary<string, string> Labels(Dictionary<string, StringValues> form, Dictionary<string, string> dimensions)
    {
        var labels = new Dictionary<string, string>(dimensions, StringComparer.Ordinal);
        foreach (var (field, label) in LabelFields)
        {
            if (Value(form, field) is { } value)
            {
                labels[label] = value;
            }
        }

        if ((Value(form, "metricProject") ?? Value(form, "namespace")) is { } project)
        {
            labels["metric_project"] = project;
        }

        return labels;
    }

    private static Dictionary<string, string> Annotations(Dictionary<string, StringValues> form)
    {
        var annotations = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (field, annotation) in AnnotationFields)
        {
            if (Value(form, field) is { } value)
            {
                annotations[annotation] = value;
            }
        }

        if (Value(form, "curValue") is { } current)
        {
            annotations["current_value"] = Value(form, "unit") is { } unit ? $"{current} {unit}" : current;
        }

        return annotations;
    }
}
