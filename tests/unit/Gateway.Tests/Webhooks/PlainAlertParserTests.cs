using System.Text;
using Surge.Gateway.Webhooks;
using Surge.ServiceDefaults.Problems;

namespace Surge.Gateway.Tests.Webhooks;

public sealed class PlainAlertParserTests
{
    private const string Example = """
        {
          "receiver": "zabbix-prod",
          "alerts": [
            {
              "status": "firing",
              "fingerprint": "zabbix:trigger:18342",
              "startsAt": "2026-03-01T11:58:30Z",
              "labels": { "alertname": "FeedApiHighTraffic", "service": "feed-api" },
              "annotations": { "summary": "Requests per second doubled in 4 minutes" }
            },
            {
              "status": "resolved",
              "startsAt": "2026-03-01T10:00:00+08:00",
              "labels": { "alertname": "FeedApiHighLatency", "service": "feed-api" }
            }
          ]
        }
        """;

    private static ParsedWebhook Read(string body) => PlainAlertParser.Read(Encoding.UTF8.GetBytes(body));

    [Fact]
    public void Read_DocumentedExample_Parses()
    {
        var notification = Read(Example).Notification!;

        Assert.Equal("json", notification.Source);
        Assert.Equal("zabbix-prod", notification.Receiver);
        Assert.Equal("zabbix:trigger:18342", notification.Alerts[0].Fingerprint);
        Assert.Equal(LabelFingerprint.Compute(notification.Alerts[1].Labels), notification.Alerts[1].Fingerprint);
        Assert.Equal("resolved", notification.Alerts[1].Status);
        Assert.Equal(new DateTimeOffset(2026, 3, 1, 2, 0, 0, TimeSpan.Zero), notification.Alerts[1].StartsAt);
        Assert.Empty(notification.Alerts[1].Annotations);
    }

    [Fact]
    public void Read_MisspeltField_IsNamed()
    {
        var error = Assert.Throws<RequestValidationException>(() => Read(Example.Replace("\"startsAt\": \"2026-03-01T11:58:30Z\"", "\"startAt\": \"2026-03-01T11:58:30Z\"", StringComparison.Ordinal)));

        Assert.Contains("alerts[0].startAt", error.Errors.Keys);
        Assert.Contains("alerts[0].startsAt", error.Errors.Keys);
        Assert.Contains("startsAt", error.Errors["alerts[0].startAt"][0]);
    }

    [Theory]
    [InlineData("\"fingerprint\": \"\"")]
    [InlineData("\"fingerprint\": \"has space\"")]
    [InlineData("\"fingerprint\": 7")]
    public void Read_BadFingerprint_NamesIt(string fingerprint)
    {
        var error = Assert.Throws<RequestValidationException>(() => Read(Example.Replace("\"fingerprint\": \"zabbix:trigger:18342\"", fingerprint, StringComparison.Ordinal)));

        Assert.Equal(["alerts[0].fingerprint"], error.Errors.Keys);
    }

    [Fact]
    public void Read_NoAlerts_NamesAlerts()
    {
        var error = Assert.Throws<RequestValidationException>(() => Read("""{"alerts": []}"""));

        Assert.Equal(["alerts"], error.Errors.Keys);
    }
}
