using System.Text.Json;
using Surge.Cli.Alerts;

namespace Surge.Cli.Tests;

public class AlertmanagerWebhookTests
{
    private static readonly DateTimeOffset StartsAt = new(2026, 12, 4, 10, 0, 0, 123, TimeSpan.Zero);

    private static readonly AlarmRequest Request = new("FeedApiHighTraffic", "feed-api", StartsAt);

    [Fact]
    public void Build_TopLevelFields_FollowRealAlertmanagerOrder()
    {
        using var real = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Data", "am-resolved-single-fingerprint.json")));
        using var built = JsonDocument.Parse(AlertmanagerWebhook.Build(Request));

        Assert.Equal(Names(real.RootElement), Names(built.RootElement));
        Assert.Equal(Names(real.RootElement.GetProperty("alerts")[0]), Names(built.RootElement.GetProperty("alerts")[0]));
    }

    [Fact]
    public void Build_FiringAlert_HasVersion4Values()
    {
        using var built = JsonDocument.Parse(AlertmanagerWebhook.Build(Request));
        var root = built.RootElement;

        Assert.Equal("surge", root.GetProperty("receiver").GetString());
        Assert.Equal("firing", root.GetProperty("status").GetString());
        Assert.Equal("4", root.GetProperty("version").GetString());
        Assert.Equal("http://127.0.0.1:9093", root.GetProperty("externalURL").GetString());
        Assert.Equal(0, root.GetProperty("truncatedAlerts").GetInt32());
        Assert.Equal(1, root.GetProperty("alerts").GetArrayLength());
    }

    [Fact]
    public void Build_Alert_CarriesLabelsTimesAndFingerprint()
    {
        using var built = JsonDocument.Parse(AlertmanagerWebhook.Build(Request));
        var alert = built.RootElement.GetProperty("alerts")[0];
        var labels = alert.GetProperty("labels");

        Assert.Equal("firing", alert.GetProperty("status").GetString());
        Assert.Equal("FeedApiHighTraffic", labels.GetProperty("alertname").GetString());
        Assert.Equal("feed-api", labels.GetProperty("service").GetString());
        Assert.Equal("page", labels.GetProperty("severity").GetString());
        Assert.Equal("2026-12-04T10:00:00.123Z", alert.GetProperty("startsAt").GetString());
        Assert.Equal("0001-01-01T00:00:00Z", alert.GetProperty("endsAt").GetString());
        Assert.Equal("34c16e63ebf6511f", alert.GetProperty("fingerprint").GetString());
        Assert.True(alert.GetProperty("annotations").TryGetProperty("summary", out _));
        Assert.True(alert.GetProperty("annotations").TryGetProperty("description", out _));
    }

    [Fact]
    public void Build_Group_IsAlertnameAndService()
    {
        using var built = JsonDocument.Parse(AlertmanagerWebhook.Build(Request));
        var root = built.RootElement;

        Assert.Equal(["alertname", "service"], Names(root.GetProperty("groupLabels")));
        Assert.Equal("{}:{alertname=\"FeedApiHighTraffic\", service=\"feed-api\"}", root.GetProperty("groupKey").GetString());
        Assert.Equal(["alertname", "service", "severity"], Names(root.GetProperty("commonLabels")));
        Assert.Equal(["description", "summary"], Names(root.GetProperty("commonAnnotations")));
    }

    [Fact]
    public void Build_RawText_IsCompactGoJson()
    {
        var body = AlertmanagerWebhook.Build(Request);

        Assert.StartsWith("{\"receiver\":\"surge\",\"status\":\"firing\",\"alerts\":[{", body);
        Assert.EndsWith("\"truncatedAlerts\":0}\n", body);
        Assert.DoesNotContain("&", body);
        Assert.Contains("\\u0026g0.tab=1", body);
    }

    [Fact]
    public void Build_HtmlCharacters_AreEscapedAsGoDoes()
    {
        var body = AlertmanagerWebhook.Build(Request with { Service = "feed<api>" });

        Assert.Contains("\"service\":\"feed\\u003capi\\u003e\"", body);
        Assert.DoesNotContain("<", body);
        Assert.DoesNotContain(">", body);
    }

    [Fact]
    public void Build_GeneratorUrl_LinksToThePrometheusGraph()
    {
        using var built = JsonDocument.Parse(AlertmanagerWebhook.Build(Request));
        var url = built.RootElement.GetProperty("alerts")[0].GetProperty("generatorURL").GetString()!;

        Assert.StartsWith("http://127.0.0.1:9090/graph?g0.expr=", url);
        Assert.EndsWith("&g0.tab=1", url);
        Assert.Contains("feed-api", url);
    }

    private static string[] Names(JsonElement element) => element.EnumerateObject().Select(property => property.Name).ToArray();
}
