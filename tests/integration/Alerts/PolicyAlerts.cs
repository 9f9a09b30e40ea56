using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Surge.IntegrationTests.Harness;

namespace Surge.IntegrationTests.Alerts;

/// <summary>Alertmanager bodies, policies and incident reads for the alert policy tests.</summary>
public static class PolicyAlerts
{
    /// <summary>Applies a pool, nodes, subnet and service, and a policy <c>{service}-burst</c> selecting <c>alertname: {service}Burst</c> with the given spec lines.</summary>
    public static async Task ApplyPolicyFleetAsync(this SurgeCluster cluster, string service, string subnet, string policySpec)
    {
        await cluster.ApplyFleetAsync(Fleets.ForService(service, subnet, "{alertname: NeverFires}"));
        await cluster.ApplyFleetAsync($"""
            apiVersion: surge/v1
            kind: AlertPolicy
            metadata: {'{'}name: {service}-burst{'}'}
            spec:
              service: {service}
              match: {'{'}alertname: {AlertName(service)}{'}'}
            {Indent(policySpec)}
            """);
    }

    /// <summary>The alert name the service's policy selects.</summary>
    public static string AlertName(string service) => $"{service}Burst";

    /// <summary>Returns an Alertmanager 0.27 body with one alert of the service in <paramref name="status"/>.</summary>
    public static string Body(string service, string status, DateTimeOffset startsAt)
    {
        var labels = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            ["alertname"] = AlertName(service),
            ["service"] = service,
            ["severity"] = "page",
        };
        var alert = new Dictionary<string, object>
        {
            ["status"] = status,
            ["labels"] = labels,
            ["annotations"] = new { summary = $"Traffic on {service} is rising fast" },
            ["startsAt"] = Rfc3339(startsAt),
            ["endsAt"] = status == "resolved" ? Rfc3339(DateTimeOffset.UtcNow) : "0001-01-01T00:00:00Z",
            ["generatorURL"] = "http://127.0.0.1:9090/graph?g0.expr=up&g0.tab=1",
        };
        var body = new Dictionary<string, object>
        {
            ["receiver"] = "surge",
            ["status"] = status,
            ["alerts"] = new[] { alert },
            ["groupLabels"] = new { alertname = AlertName(service) },
            ["commonLabels"] = labels,
            ["commonAnnotations"] = new { },
            ["externalURL"] = "http://127.0.0.1:9093",
            ["version"] = "4",
            ["groupKey"] = $"{{}}:{{alertname=\"{AlertName(service)}\"}}",
            ["truncatedAlerts"] = 0,
        };
        return JsonSerializer.Serialize(body);
    }

    /// <summary>Posts the body to the Alertmanager webhook and returns the single alert's outcome; fails unless the gateway returns 202.</summary>
    public static async Task<JsonElement> SendAsync(this SurgeCluster cluster, string body)
    {
        using var response = await cluster.PostAlertmanagerAsync(body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"The webhook answered {(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.GetProperty("outcomes").EnumerateArray().Single().Clone();
    }

    /// <summary>Returns the service's incidents from Capacity through the gateway.</summary>
    public static async Task<JsonElement[]> GetIncidentsAsync(this SurgeCluster cluster, string service) =>
        await cluster.Gateway.GetFromJsonAsync<JsonElement[]>($"/api/capacity/incidents?service={service}") ?? [];

    /// <summary>Returns the events of the service's single incident stream, through the audit API.</summary>
    public static async Task<JsonElement[]> GetIncidentEventsAsync(this SurgeCluster cluster, string service)
    {
        var incident = Assert.Single(await cluster.GetIncidentsAsync(service));
        var stream = incident.GetProperty("id").GetString()!;
        return await cluster.Gateway.GetFromJsonAsync<JsonElement[]>($"/api/capacity/audit/streams/{stream}") ?? [];
    }

    /// <summary>Returns the sagas of a service, scale-out and scale-in, newest first.</summary>
    public static async Task<JsonElement[]> GetSagasAsync(this SurgeCluster cluster, string service) =>
        await cluster.Gateway.GetFromJsonAsync<JsonElement[]>($"/api/sagas?service={service}") ?? [];

    /// <summary>The types of the events, in order.</summary>
    public static string[] Types(this IEnumerable<JsonElement> events) => [.. events.Select(e => e.GetProperty("type").GetString()!)];

    private static string Rfc3339(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);

    private static string Indent(string lines) =>
        string.Join('\n', lines.Trim().Split('\n').Select(line => "  " + line.TrimEnd()));
}
