using System.Text;
using System.Text.Json.Nodes;
using Surge.Gateway.Webhooks;
using Surge.ServiceDefaults.Problems;

namespace Surge.Gateway.Tests.Webhooks;

/// <summary>The Alertmanager parser on a body with every field of webhook version 4 up to release 0.34.</summary>
public sealed class AlertmanagerFieldInventoryTests
{
    private const string Inventory = "alertmanager/am-webhook-v4-fields-from-source.json";

    private static readonly Dictionary<string, Func<JsonNode?>> AlertSamples = new()
    {
        ["status"] = () => "firing",
        ["labels"] = () => new JsonObject { ["alertname"] = "FeedApiHighTraffic", ["service"] = "feed-api" },
        ["annotations"] = () => new JsonObject { ["summary"] = "Traffic doubles" },
        ["startsAt"] = () => "2026-03-01T13:58:30.123456789+02:00",
        ["endsAt"] = () => "0001-01-01T00:00:00Z",
        ["generatorURL"] = () => "/metrics/viewer/graph?g0.expr=up&g0.tab=1",
        ["fingerprint"] = () => "0123456789abcdef",
    };

    private static readonly Dictionary<string, Func<JsonNode?>> TopSamples = new()
    {
        ["version"] = () => "4",
        ["groupKey"] = () => "{}/{severity=\"critical\"}:{alertname=\"FeedApiHighTraffic\"}",
        ["truncatedAlerts"] = () => 3,
        ["status"] = () => "firing",
        ["receiver"] = () => @"web\.hook",
        ["groupLabels"] = () => new JsonObject { ["alertname"] = "FeedApiHighTraffic" },
        ["commonLabels"] = () => new JsonObject { ["service"] = "feed-api" },
        ["commonAnnotations"] = () => new JsonObject(),
        ["routeLabels"] = () => new JsonObject { ["team"] = "feed" },
        ["externalURL"] = () => "http://:9093",
        ["notification_reason"] = () => "repeat interval elapsed",
        ["alerts"] = () => new JsonArray(FieldInventory.Object(FieldInventory.Names(Inventory, "alert"), AlertSamples)),
    };

    private static JsonObject FullBody() => FieldInventory.Object(FieldInventory.Names(Inventory, "top_level"), TopSamples);

    private static ParsedWebhook Read(JsonObject body) => AlertmanagerParser.Read(Encoding.UTF8.GetBytes(body.ToJsonString()));

    [Fact]
    public void Read_Release034Fields_AreUnderstood()
    {
        var parsed = Read(FullBody());

        var alert = Assert.Single(parsed.Notification!.Alerts);
        Assert.Equal("0123456789abcdef", alert.Fingerprint);
        Assert.Equal(new DateTimeOffset(2026, 3, 1, 11, 58, 30, TimeSpan.Zero).AddTicks(1_234_567), alert.StartsAt);
        Assert.Equal("feed-api", alert.Labels["service"]);
        Assert.Equal(@"web\.hook", parsed.Notification.Receiver);
        Assert.Equal(3, parsed.TruncatedAlerts);
        Assert.Equal("repeat interval elapsed", parsed.Note);
    }

    [Fact]
    public void Read_GroupKeyChanges_KeepsIdentity()
    {
        var before = Read(FullBody()).Notification!.Alerts[0];
        var body = FullBody();
        body["groupKey"] = "{}/{team=\"feed\"}:{alertname=\"FeedApiHighTraffic\"}";
        body["groupLabels"] = new JsonObject();

        var after = Read(body).Notification!.Alerts[0];

        Assert.Equal((before.Fingerprint, before.StartsAt), (after.Fingerprint, after.StartsAt));
    }

    [Fact]
    public void Read_OlderBody_RecomputesFingerprint()
    {
        var body = FullBody();
        body.Remove("truncatedAlerts");
        body.Remove("routeLabels");
        body.Remove("notification_reason");
        body["alerts"]![0]!.AsObject().Remove("fingerprint");

        var parsed = Read(body);

        Assert.Equal(0, parsed.TruncatedAlerts);
        var alert = Assert.Single(parsed.Notification!.Alerts);
        Assert.Equal(LabelFingerprint.Compute(alert.Labels), alert.Fingerprint);
    }

    [Theory]
    [InlineData("truncatedAlerts", "-1")]
    [InlineData("truncatedAlerts", "\"3\"")]
    [InlineData("groupLabels", "[]")]
    [InlineData("routeLabels", "{\"team\": 1}")]
    [InlineData("status", "\"pending\"")]
    [InlineData("notification_reason", "7")]
    public void Read_GroupFieldOfWrongType_NamesTheField(string field, string json)
    {
        var body = FullBody();
        body[field] = JsonNode.Parse(json);

        var error = Assert.Throws<RequestValidationException>(() => Read(body));

        Assert.Equal([field], error.Errors.Keys);
    }

    [Fact]
    public void Read_EndsAtNotATime_NamesTheField()
    {
        var body = FullBody();
        body["alerts"]![0]!["endsAt"] = "yesterday";

        var error = Assert.Throws<RequestValidationException>(() => Read(body));

        Assert.Equal(["alerts[0].endsAt"], error.Errors.Keys);
    }

    [Fact]
    public void Read_AllFilesOfTheSource_Parse()
    {
        foreach (var file in (string[])["alertmanager/am018-firing-grouped-2alerts.raw.json", "alertmanager/am-resolved-single-fingerprint.json"])
        {
            var parsed = AlertmanagerParser.Read(TestData.Bytes(file));
            Assert.NotEmpty(parsed.Notification!.Alerts);
        }
    }
}
