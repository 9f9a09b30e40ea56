using System.Text;
using System.Text.Json.Nodes;
using Surge.Gateway.Webhooks;
using Surge.ServiceDefaults.Problems;

namespace Surge.Gateway.Tests.Webhooks;

public sealed class AlertmanagerParserTests
{
    private const string GroupedFiring = "alertmanager/am018-firing-grouped-2alerts.raw.json";
    private const string ResolvedWithFingerprint = "alertmanager/am-resolved-single-fingerprint.json";
    private const string GrafanaFiring = "grafana/grafana-docs-firing-2alerts-values.json";

    private const string MinimalBody = """
        {
          "version": "4",
          "receiver": "surge",
          "alerts": [
            { "status": "firing", "labels": { "alertname": "FeedApiHighTraffic", "service": "feed-api" }, "startsAt": "2026-03-01T11:58:30.123456789Z" }
          ]
        }
        """;

    private static RequestValidationException Reject(string body) =>
        Assert.Throws<RequestValidationException>(() => AlertmanagerParser.Parse(Encoding.UTF8.GetBytes(body)));

    /// <summary>Returns the minimal valid body after <paramref name="change"/>, which edits the root object.</summary>
    private static string Edited(Action<JsonObject> change)
    {
        var root = JsonNode.Parse(MinimalBody)!.AsObject();
        change(root);
        return root.ToJsonString();
    }

    private static JsonObject FirstAlert(JsonObject root) => root["alerts"]![0]!.AsObject();

    [Fact]
    public void Parse_GroupedFiringFrom018_ReturnsTwoFiringAlerts()
    {
        var notification = AlertmanagerParser.Parse(TestData.Bytes(GroupedFiring));

        Assert.Equal("alertmanager", notification.Source);
        Assert.Equal("webhook", notification.Receiver);
        Assert.Equal(2, notification.Alerts.Count);
        Assert.All(notification.Alerts, alert => Assert.Equal("firing", alert.Status));
        Assert.Equal(["osb_cluster", "soa_cluster"], notification.Alerts.Select(a => a.Labels["weblogic_clusterName"]));
        Assert.Equal("Some WLS Cluster is in Warning State", notification.Alerts[0].Annotations["description"]);
    }

    [Fact]
    public void Parse_GroupedFiringFrom018_RecomputesFingerprintsFromLabels()
    {
        var notification = AlertmanagerParser.Parse(TestData.Bytes(GroupedFiring));

        foreach (var alert in notification.Alerts)
        {
            Assert.Matches("^[0-9a-f]{16}$", alert.Fingerprint);
            Assert.Equal(LabelFingerprint.Compute(alert.Labels), alert.Fingerprint);
        }

        Assert.NotEqual(notification.Alerts[0].Fingerprint, notification.Alerts[1].Fingerprint);
    }

    [Fact]
    public void Parse_GroupedFiringFrom018_KeepsNanosecondStartsAtTo100Nanoseconds()
    {
        var notification = AlertmanagerParser.Parse(TestData.Bytes(GroupedFiring));

        // 2020-06-10T14:45:50.760376266Z: .NET keeps seven digits, so the last two (66 ns) are cut.
        var expected = new DateTimeOffset(2020, 6, 10, 14, 45, 50, TimeSpan.Zero).AddTicks(7_603_762);
        Assert.Equal(expected, notification.Alerts[0].StartsAt);
        Assert.Equal(TimeSpan.Zero, notification.Alerts[0].StartsAt.Offset);
        Assert.Equal(new DateTimeOffset(2020, 6, 12, 16, 21, 20, TimeSpan.Zero).AddTicks(7_603_762), notification.Alerts[1].StartsAt);
    }

    [Fact]
    public void Parse_ResolvedWithFingerprint_KeepsGivenFingerprint()
    {
        var notification = AlertmanagerParser.Parse(TestData.Bytes(ResolvedWithFingerprint));

        var alert = Assert.Single(notification.Alerts);
        Assert.Equal("resolved", alert.Status);
        Assert.Equal("fbab788ec4c1018b", alert.Fingerprint);
        Assert.Equal(new DateTimeOffset(2022, 7, 29, 11, 13, 27, 300, TimeSpan.Zero), alert.StartsAt);
        Assert.Equal("Deployment", alert.Labels["alertname"]);
        Assert.Equal(13, alert.Labels.Count);
        Assert.Equal(@"web\.hook", notification.Receiver);
    }

    [Fact]
    public void Parse_GivenFingerprintDiffersFromLabels_KeepsGivenFingerprint()
    {
        var body = Edited(root => FirstAlert(root)["fingerprint"] = "0123456789abcdef");

        var alert = Assert.Single(AlertmanagerParser.Parse(Encoding.UTF8.GetBytes(body)).Alerts);

        Assert.Equal("0123456789abcdef", alert.Fingerprint);
    }

    [Fact]
    public void Parse_UnknownFieldsAndNoAnnotations_AreAccepted()
    {
        var body = Edited(root =>
        {
            root["truncatedAlerts"] = 0;
            root["somethingNew"] = new JsonObject { ["x"] = 1 };
            FirstAlert(root)["generatorURL"] = "http://127.0.0.1:9090/graph";
        });

        var alert = Assert.Single(AlertmanagerParser.Parse(Encoding.UTF8.GetBytes(body)).Alerts);

        Assert.Empty(alert.Annotations);
    }

    [Fact]
    public void Parse_GrafanaWebhook_RejectsItsVersion()
    {
        // A Grafana body looks like Alertmanager's (status, labels, startsAt, a valid fingerprint per alert), but its version is "1".
        var error = Assert.Throws<RequestValidationException>(() => AlertmanagerParser.Parse(TestData.Bytes(GrafanaFiring)));

        Assert.Equal(["version"], error.Errors.Keys);
        Assert.Contains("version is \"1\"", error.Errors["version"][0]);
    }

    [Theory]
    [InlineData("")]
    [InlineData("{\"version\": \"4\",")]
    [InlineData("not json")]
    public void Parse_NotJson_RejectsBody(string body)
    {
        Assert.Equal(["body"], Reject(body).Errors.Keys);
    }

    [Fact]
    public void Parse_TextAfterObject_RejectsBody()
    {
        Assert.Equal(["body"], Reject(MinimalBody + " trailing").Errors.Keys);
    }

    [Theory]
    [InlineData("[]", "array")]
    [InlineData("\"4\"", "string")]
    [InlineData("null", "null")]
    public void Parse_JsonNotObject_RejectsBody(string body, string kind)
    {
        var error = Reject(body);

        Assert.Equal(["body"], error.Errors.Keys);
        Assert.Contains($"a JSON {kind}", error.Errors["body"][0]);
    }

    [Fact]
    public void Parse_NestedTooDeep_RejectsBody()
    {
        var body = Edited(root => FirstAlert(root)["annotations"] = JsonNode.Parse(new string('[', 40) + new string(']', 40)));

        Assert.Equal(["body"], Reject(body).Errors.Keys);
    }

    [Fact]
    public void Parse_MissingVersion_RejectsVersion()
    {
        var error = Reject(Edited(root => root.Remove("version")));

        Assert.Equal(["version"], error.Errors.Keys);
        Assert.Contains("missing", error.Errors["version"][0]);
    }

    [Theory]
    [InlineData("\"3\"")]
    [InlineData("\"v4\"")]
    [InlineData("4")]
    public void Parse_VersionNotFour_RejectsVersion(string version)
    {
        Assert.Equal(["version"], Reject(Edited(root => root["version"] = JsonNode.Parse(version))).Errors.Keys);
    }

    [Fact]
    public void Parse_MissingAlerts_RejectsAlerts()
    {
        Assert.Equal(["alerts"], Reject(Edited(root => root.Remove("alerts"))).Errors.Keys);
        Assert.Equal(["alerts"], Reject(Edited(root => root["alerts"] = "none")).Errors.Keys);
    }

    [Fact]
    public void Parse_EmptyAlerts_RejectsAlerts()
    {
        var error = Reject(Edited(root => root["alerts"] = new JsonArray()));

        Assert.Equal(["alerts"], error.Errors.Keys);
        Assert.Contains("empty", error.Errors["alerts"][0]);
    }

    [Fact]
    public void Parse_AlertNotObject_RejectsThatAlert()
    {
        Assert.Equal(["alerts[1]"], Reject(Edited(root => root["alerts"]!.AsArray().Add("firing"))).Errors.Keys);
    }

    [Fact]
    public void Parse_AlertWithoutLabels_RejectsLabels()
    {
        Assert.Equal(["alerts[0].labels"], Reject(Edited(root => FirstAlert(root).Remove("labels"))).Errors.Keys);
        Assert.Equal(["alerts[0].labels"], Reject(Edited(root => FirstAlert(root)["labels"] = null)).Errors.Keys);
        Assert.Equal(["alerts[0].labels"], Reject(Edited(root => FirstAlert(root)["labels"] = new JsonObject())).Errors.Keys);
    }

    [Fact]
    public void Parse_LabelValueNotString_RejectsLabels()
    {
        var error = Reject(Edited(root => FirstAlert(root)["labels"]!["replicas"] = 3));

        Assert.Equal(["alerts[0].labels"], error.Errors.Keys);
        Assert.Contains("values are strings", error.Errors["alerts[0].labels"][0]);
    }

    [Fact]
    public void Parse_AnnotationValueNotString_RejectsAnnotations()
    {
        Assert.Equal(["alerts[0].annotations"], Reject(Edited(root => FirstAlert(root)["annotations"] = new JsonObject { ["value"] = 44.2 })).Errors.Keys);
    }

    [Fact]
    public void Parse_RepeatedLabelName_RejectsBody()
    {
        const string body = """
            {"version":"4","alerts":[{"status":"firing","labels":{"alertname":"A","alertname":"B"},"startsAt":"2026-03-01T11:58:30Z"}]}
            """;

        var error = Reject(body);

        Assert.Equal(["body"], error.Errors.Keys);
        Assert.Contains("alertname", error.Errors["body"][0]);
    }

    [Theory]
    [InlineData("\"pending\"")]
    [InlineData("\"FIRING\"")]
    [InlineData("1")]
    public void Parse_BadStatus_RejectsStatus(string status)
    {
        Assert.Equal(["alerts[0].status"], Reject(Edited(root => FirstAlert(root)["status"] = JsonNode.Parse(status))).Errors.Keys);
    }

    [Fact]
    public void Parse_MissingStatus_RejectsStatus()
    {
        var error = Reject(Edited(root => FirstAlert(root).Remove("status")));

        Assert.Equal(["alerts[0].status"], error.Errors.Keys);
        Assert.Contains("missing", error.Errors["alerts[0].status"][0]);
    }

    [Theory]
    [InlineData("\"yesterday\"")]
    [InlineData("\"2026-03-01\"")]
    [InlineData("\"2026-03-01 11:58:30Z\"")]
    [InlineData("1740830310")]
    public void Parse_BadStartsAt_RejectsStartsAt(string startsAt)
    {
        Assert.Equal(["alerts[0].startsAt"], Reject(Edited(root => FirstAlert(root)["startsAt"] = JsonNode.Parse(startsAt))).Errors.Keys);
    }

    [Fact]
    public void Parse_MissingStartsAt_RejectsStartsAt()
    {
        Assert.Equal(["alerts[0].startsAt"], Reject(Edited(root => FirstAlert(root).Remove("startsAt"))).Errors.Keys);
    }

    [Theory]
    [InlineData("FBAB788EC4C1018B")]
    [InlineData("fbab788ec4c1018")]
    [InlineData("fbab788ec4c1018b0")]
    [InlineData("fbab788ec4c1018g")]
    [InlineData("")]
    public void Parse_FingerprintNot16LowercaseHex_RejectsFingerprint(string fingerprint)
    {
        var error = Reject(Edited(root => FirstAlert(root)["fingerprint"] = fingerprint));

        Assert.Equal(["alerts[0].fingerprint"], error.Errors.Keys);
        Assert.Contains("16 lowercase hex digits", error.Errors["alerts[0].fingerprint"][0]);
    }

    [Fact]
    public void Parse_SeveralBadFields_ReportsEachOne()
    {
        var body = Edited(root =>
        {
            root["version"] = "3";
            root["alerts"]!.AsArray().Add(new JsonObject { ["status"] = "pending", ["startsAt"] = "soon" });
        });

        var error = Reject(body);

        Assert.Equal(
            ["alerts[1].labels", "alerts[1].startsAt", "alerts[1].status", "version"],
            error.Errors.Keys.Order(StringComparer.Ordinal));
    }
}
