using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Surge.Cli.Alerts;

/// <summary>Builds the body of an Alertmanager webhook (payload version 4) for one firing alert, as Alertmanager 0.27 sends it.</summary>
/// <remarks>
/// Alertmanager 0.27 encodes the body with Go's <c>json.Encoder</c> (notify/webhook/webhook.go): compact, fields in struct order, map keys
/// sorted, <c>&amp;</c>, <c>&lt;</c> and <c>&gt;</c> escaped as <c>\u0026</c>, <c>\u003c</c> and <c>\u003e</c>,
/// other non-ASCII text left as UTF-8, and a trailing newline. The route groups by <c>alertname</c> and
/// <c>service</c>, so those two labels form the group labels and the group key.
/// </remarks>
internal static class AlertmanagerWebhook
{
    public const string ContentType = "application/json";

    /// <summary>The User-Agent header Alertmanager 0.27.0 sends with every webhook.</summary>
    public const string UserAgent = "Alertmanager/0.27.0";

    /// <summary>The receiver name of the webhook in the Alertmanager configuration.</summary>
    public const string Receiver = "surge";

    /// <summary>The Alertmanager address the body reports; nothing is sent to it.</summary>
    public const string ExternalUrl = "http://127.0.0.1:9093";

    /// <summary>The Prometheus address the generator URL points at; nothing is sent to it.</summary>
    private const string PrometheusUrl = "http://127.0.0.1:9090";

    private static readonly string[] GroupBy = ["alertname", "service"];

    /// <summary>Returns the alert's labels: <c>alertname</c>, <c>service</c> and <c>severity</c>.</summary>
    public static SortedDictionary<string, string> Labels(AlarmRequest request) => new(StringComparer.Ordinal)
    {
        ["alertname"] = request.AlertName,
        ["service"] = request.Service,
        ["severity"] = "page",
    };

    /// <summary>Builds the JSON body for <paramref name="request"/>.</summary>
    public static string Build(AlarmRequest request)
    {
        var labels = Labels(request);
        var annotations = Annotations(request);
        var groupLabels = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var name in GroupBy)
        {
            groupLabels[name] = labels[name];
        }

        using var buffer = new MemoryStream();
        var options = new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
        using (var writer = new Utf8JsonWriter(buffer, options))
        {
            writer.WriteStartObject();
            writer.WriteString("receiver", Receiver);
            writer.WriteString("status", "firing");
            writer.WriteStartArray("alerts");
            WriteAlert(writer, request, labels, annotations);
            writer.WriteEndArray();
            WriteMap(writer, "groupLabels", groupLabels);
            WriteMap(writer, "commonLabels", labels);
            WriteMap(writer, "commonAnnotations", annotations);
            writer.WriteString("externalURL", ExternalUrl);
            writer.WriteString("version", "4");
            writer.WriteString("groupKey", "{}:" + GoFormat.LabelSet(groupLabels));
            writer.WriteNumber("truncatedAlerts", 0);
            writer.WriteEndObject();
        }

        return EscapeAsGo(Encoding.UTF8.GetString(buffer.ToArray())) + "\n";
    }

    private static SortedDictionary<string, string> Annotations(AlarmRequest request) => new(StringComparer.Ordinal)
    {
        ["description"] = $"{request.Service} receives more requests than its instances can serve.",
        ["summary"] = $"High request rate on {request.Service}",
    };

    private static void WriteAlert(
        Utf8JsonWriter writer,
        AlarmRequest request,
        SortedDictionary<string, string> labels,
        SortedDictionary<string, string> annotations)
    {
        writer.WriteStartObject();
        writer.WriteString("status", "firing");
        WriteMap(writer, "labels", labels);
        WriteMap(writer, "annotations", annotations);
        writer.WriteString("startsAt", GoFormat.Rfc3339Nano(request.StartsAt));
        writer.WriteString("endsAt", GoFormat.ZeroTime);
        writer.WriteString("generatorURL", GeneratorUrl(request.Service));
        writer.WriteString("fingerprint", AlertFingerprint.Compute(labels));
        writer.WriteEndObject();
    }

    private static void WriteMap(Utf8JsonWriter writer, string name, SortedDictionary<string, string> map)
    {
        writer.WriteStartObject(name);
        foreach (var (key, value) in map)
        {
            writer.WriteString(key, value);
        }

        writer.WriteEndObject();
    }

    /// <summary>Builds the Prometheus graph link of the alert rule's expression, as Prometheus sets <c>generatorURL</c>.</summary>
    private static string GeneratorUrl(string service)
    {
        var expression = $"sum by (service) (rate(http_requests_total{{service=\"{service}\"}}[1m])) > 1000";
        return PrometheusUrl + "/graph?g0.expr=" + GoFormat.QueryEscape(expression) + "&g0.tab=1";
    }

    /// <summary>Applies the HTML escaping Go's encoder adds; these characters cannot occur outside strings in JSON.</summary>
    private static string EscapeAsGo(string json) => json
        .Replace("&", "\\u0026", StringComparison.Ordinal)
        .Replace("<", "\\u003c", StringComparison.Ordinal)
        .Replace(">", "\\u003e", StringComparison.Ordinal);
}
