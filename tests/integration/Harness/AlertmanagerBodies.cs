using System.Text.Json;

namespace Surge.IntegrationTests.Harness;

/// <summary>Builds Alertmanager webhook bodies (version 4) shaped as Alertmanager 0.27 sends them.</summary>
public static class AlertmanagerBodies
{
    /// <summary>Returns a notification with one firing alert carrying <c>alertname</c> and <c>service</c> labels.</summary>
    public static string Firing(string alertName, string service, DateTimeOffset startsAt, string receiver = "surge")
    {
        var labels = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            ["alertname"] = alertName,
            ["service"] = service,
            ["severity"] = "page",
        };
        var alert = new
        {
            status = "firing",
            labels,
            annotations = new { summary = $"Traffic on {service} is rising fast" },
            startsAt = startsAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", System.Globalization.CultureInfo.InvariantCulture),
            endsAt = "0001-01-01T00:00:00Z",
            generatorURL = "http://127.0.0.1:9090/graph?g0.expr=rate%28http_requests_total%5B1m%5D%29&g0.tab=1",
        };
        var body = new Dictionary<string, object>
        {
            ["receiver"] = receiver,
            ["status"] = "firing",
            ["alerts"] = new[] { alert },
            ["groupLabels"] = new { alertname = alertName },
            ["commonLabels"] = labels,
            ["commonAnnotations"] = new { },
            ["externalURL"] = "http://127.0.0.1:9093",
            ["version"] = "4",
            ["groupKey"] = $"{{}}:{{alertname=\"{alertName}\"}}",
            ["truncatedAlerts"] = 0,
        };
        return JsonSerializer.Serialize(body);
    }
}
