using System.Text;
using System.Text.Json.Nodes;
using Surge.Gateway.Webhooks;
using Surge.ServiceDefaults.Problems;

namespace Surge.Gateway.Tests.Webhooks;

public sealed class GrafanaParserTests
{
    private const string DocsFiring = "grafana/grafana-docs-firing-2alerts-values.json";
    private const string MixedGrafana9 = "grafana/grafana9-mixed-1firing-2resolved.json";
    private const string Inventory = "grafana/grafana-webhook-v1-fields-from-source.json";

    private static readonly Dictionary<string, Func<JsonNode?>> AlertSamples = new()
    {
        ["status"] = () => "firing",
        ["labels"] = () => new JsonObject { ["alertname"] = "High CPU", ["service"] = "feed-api" },
        ["annotations"] = () => new JsonObject { ["summary"] = "CPU above 90%" },
        ["startsAt"] = () => "2026-03-01T11:58:30.5Z",
        ["endsAt"] = () => "0001-01-01T00:00:00Z",
        ["generatorURL"] = () => "",
        ["fingerprint"] = () => "c6eadffa33fcdf37",
        ["silenceURL"] = () => "https://grafana.example.com/alerting/silence/new",
        ["dashboardURL"] = () => "",
        ["panelURL"] = () => "",
        ["ruleUID"] = () => "zTjxv_C7k",
        ["values"] = () => new JsonObject { ["B"] = 44.2, ["C"] = 1, ["D"] = JsonNode.Parse("12345678901234567890") },
        ["valueString"] = () => "",
        ["imageURL"] = () => "https://grafana.example.com/image.png",
        ["embeddedImage"] = () => "iVBORw0KGgo=",
        ["orgId"] = () => 1,
        ["enrichments"] = () => new JsonObject { ["any"] = new JsonArray(1, "two") },
    };

    private static readonly Dictionary<string, Func<JsonNode?>> TopSamples = new()
    {
        ["receiver"] = () => "",
        ["status"] = () => "resolved",
        ["orgId"] = () => 1,
        ["alerts"] = () => new JsonArray(FieldInventory.Object(FieldInventory.Names(Inventory, "alert"), AlertSamples)),
        ["groupLabels"] = () => new JsonObject { ["alertname"] = "" },
        ["commonLabels"] = () => new JsonObject(),
        ["commonAnnotations"] = () => new JsonObject(),
        ["externalURL"] = () => "https://grafana.example.com/",
        ["appVersion"] = () => "12.1.0",
        ["version"] = () => "1",
        ["groupKey"] = () => "{}:{}2022-08-31 05:54:04.52289368 +0000 UTC m=+42208.256292221",
        ["truncatedAlerts"] = () => 0,
        ["title"] = () => "[FIRING:1]",
        ["state"] = () => "alerting",
        ["message"] = () => "**Firing**",
    };

    private static ParsedWebhook Read(JsonObject body) => GrafanaParser.Read(Encoding.UTF8.GetBytes(body.ToJsonString()));

    private static JsonObject FullBody() => FieldInventory.Object(FieldInventory.Names(Inventory, "top_level"), TopSamples);

    [Fact]
    public void Read_DocsExample_ReturnsTwoAlerts()
    {
        var notification = GrafanaParser.Read(TestData.Bytes(DocsFiring)).Notification!;

        Assert.Equal("grafana", notification.Source);
        Assert.Equal("My Super Webhook", notification.Receiver);
        Assert.Equal(["c6eadffa33fcdf37", "bc97ff14869b13e3"], notification.Alerts.Select(a => a.Fingerprint));
        Assert.All(notification.Alerts, alert => Assert.Equal("firing", alert.Status));
        Assert.Equal(new DateTimeOffset(2021, 10, 12, 7, 51, 3, TimeSpan.Zero).AddTicks(1_570_760), notification.Alerts[0].StartsAt.ToUniversalTime());
        Assert.Equal("us-1", notification.Alerts[0].Labels["zone"]);
        Assert.Equal("https://myrunbook.com/runbook/1234", notification.Alerts[0].Annotations["runbook_url"]);
    }

    [Fact]
    public void Read_MixedBody_UsesPerAlertStatus()
    {
        var parsed = GrafanaParser.Read(TestData.Bytes(MixedGrafana9));

        // The top level is firing with state alerting, but two of the three alerts are resolved.
        Assert.Equal(["resolved", "resolved", "firing"], parsed.Notification!.Alerts.Select(a => a.Status));
        Assert.Equal(["aaafafe0953f0962", "fb31814ac93dbe7d", "6f9cd313db421ef1"], parsed.Notification.Alerts.Select(a => a.Fingerprint));
        Assert.Equal("1 firing, 2 resolved", parsed.Note);
        Assert.Equal("badhost.example.com", parsed.Notification.Alerts[0].Labels["instance"]);
    }

    [Fact]
    public void Read_EveryFieldOfTheInventory_IsAccepted()
    {
        var parsed = Read(FullBody());

        var alert = Assert.Single(parsed.Notification!.Alerts);
        Assert.Equal("firing", alert.Status);
        Assert.Equal("c6eadffa33fcdf37", alert.Fingerprint);
        Assert.Equal("", parsed.Notification.Receiver);
    }

    [Fact]
    public void Read_NoFingerprint_UsesLabelsAndRule()
    {
        var body = FullBody();
        body["alerts"]![0]!.AsObject().Remove("fingerprint");
        var first = Read(body).Notification!.Alerts[0];
        body["groupKey"] = "{}/{team=\"other\"}:{}";
        var regrouped = Read(body).Notification!.Alerts[0];
        body["alerts"]![0]!["ruleUID"] = "another-rule";
        var otherRule = Read(body).Notification!.Alerts[0];

        Assert.Equal(first.Fingerprint, regrouped.Fingerprint);
        Assert.NotEqual(first.Fingerprint, otherRule.Fingerprint);
        Assert.NotEqual(LabelFingerprint.Compute(first.Labels), first.Fingerprint);
    }

    [Fact]
    public void Read_Repeat_KeepsIdentity()
    {
        var first = GrafanaParser.Read(TestData.Bytes(DocsFiring)).Notification!.Alerts[1];
        var repeat = JsonNode.Parse(TestData.Text(DocsFiring))!.AsObject();
        repeat["title"] = "[FIRING:1]";
        repeat["alerts"]!.AsArray().RemoveAt(0);

        var again = Read(repeat).Notification!.Alerts[0];

        Assert.Equal((first.Fingerprint, first.StartsAt), (again.Fingerprint, again.StartsAt));
    }

    [Fact]
    public void Read_LegacyDashboardAlert_ExplainsWhatToUse()
    {
        const string legacy = """{"dashboardId":1,"evalMatches":[{"value":1,"metric":"Count","tags":{}}],"orgId":1,"panelId":2,"ruleId":1,"ruleName":"Panel Title alert","state":"alerting","title":"[Alerting] Panel Title alert"}""";

        var error = Assert.Throws<RequestValidationException>(() => GrafanaParser.Read(Encoding.UTF8.GetBytes(legacy)));

        Assert.Contains("Grafana-managed alerting", error.Errors["body"][0]);
    }

    [Fact]
    public void Read_AlertmanagerVersion_PointsAtItsRoute()
    {
        var body = FullBody();
        body["version"] = "4";

        var error = Assert.Throws<RequestValidationException>(() => Read(body));

        Assert.Contains("/webhooks/alertmanager", error.Errors["version"][0]);
    }
}
