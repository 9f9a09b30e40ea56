using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Surge.IntegrationTests.Harness;

namespace Surge.IntegrationTests.Alerts.Sources;

/// <summary>Each alarm source, through the gateway's HTTP API, starts one scale-out saga per incident its policy matches.</summary>
[Collection(SourcesCollection.Name)]
[Trait("Category", "Alerts")]
public sealed class SourcesIntakeTests(SourcesCluster cluster)
{
    [Fact]
    public async Task Alertmanager_MatchedAlert_StartsASaga()
    {
        await cluster.ApplyFleetAsync(Fleets.ForService("src-am", "127.79.161.0/24", "{alertname: SrcAmTraffic}"));
        using var client = cluster.CreateGatewayClient(cluster.ApiKeys["alerting"]);

        using var response = await client.PostAsync("/webhooks/alertmanager", Json(AlertmanagerBodies.Firing("SrcAmTraffic", "src-am", DateTimeOffset.UtcNow)));

        await AssertStartedAsync(response, "src-am");
    }

    [Fact]
    public async Task Grafana_SignedRepeat_StartsOneSaga()
    {
        await cluster.ApplyFleetAsync(Fleets.ForService("src-grafana", "127.79.162.0/24", "{alertname: SrcGrafanaCpu}"));
        using var client = cluster.CreateGatewayClient(apiKey: null);
        var body = SourcesBodies.Grafana("SrcGrafanaCpu", "src-grafana", DateTimeOffset.UtcNow.AddMinutes(-1), "c6eadffa33fcdf37");

        using var first = await SourcesBodies.PostGrafanaAsync(client, body, cluster.GrafanaSecret, DateTimeOffset.UtcNow);
        var sagaId = await AssertStartedAsync(first, "src-grafana");
        using var repeat = await SourcesBodies.PostGrafanaAsync(client, body.Replace("[FIRING:1]", "[FIRING:1] repeat", StringComparison.Ordinal), cluster.GrafanaSecret, DateTimeOffset.UtcNow);

        Assert.Equal(HttpStatusCode.Accepted, repeat.StatusCode);
        var outcome = await SingleOutcomeAsync(repeat);
        Assert.Equal("duplicate", outcome.GetProperty("outcome").GetString());
        Assert.Equal(sagaId, outcome.GetProperty("sagaId").GetGuid());
        Assert.Equal(1, await SagaCountAsync("src-grafana"));
    }

    [Fact]
    public async Task CloudWatch_MessageIdTwice_StartsOneSaga()
    {
        await cluster.ApplyFleetAsync(Fleets.ForService("src-cloudwatch", "127.79.163.0/24", "{alertname: src-cloudwatch-bytes, BucketName: src-cloudwatch-bucket}"));
        using var client = cluster.CreateGatewayClient(apiKey: null);
        var message = SourcesBodies.SnsMessage(
            cluster.SigningKey,
            "Notification",
            Guid.NewGuid().ToString(),
            SourcesBodies.CloudWatchAlarm("src-cloudwatch-bytes", "src-cloudwatch-bucket", DateTimeOffset.UtcNow.AddSeconds(-30)),
            subject: "ALARM: \"src-cloudwatch-bytes\" in EU (Ireland)");

        using var first = await SourcesBodies.PostSnsAsync(client, message);
        var sagaId = await AssertStartedAsync(first, "src-cloudwatch");
        using var retry = await SourcesBodies.PostSnsAsync(client, message);

        Assert.Equal(HttpStatusCode.Accepted, retry.StatusCode);
        var outcome = await SingleOutcomeAsync(retry);
        Assert.Equal("duplicate", outcome.GetProperty("outcome").GetString());
        Assert.Equal(sagaId, outcome.GetProperty("sagaId").GetGuid());
        Assert.Equal(1, await SagaCountAsync("src-cloudwatch"));
    }

    [Fact]
    public async Task CloudWatch_InsufficientData_IsIgnored()
    {
        await cluster.ApplyFleetAsync(Fleets.ForService("src-cw-nodata", "127.79.164.0/24", "{alertname: src-cw-nodata}"));
        using var client = cluster.CreateGatewayClient(apiKey: null);
        var alarm = SourcesBodies.CloudWatchAlarm("src-cw-nodata", "b", DateTimeOffset.UtcNow).Replace("\"ALARM\"", "\"INSUFFICIENT_DATA\"", StringComparison.Ordinal);

        using var response = await SourcesBodies.PostSnsAsync(client, SourcesBodies.SnsMessage(cluster.SigningKey, "Notification", Guid.NewGuid().ToString(), alarm));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("ignored", (await SingleOutcomeAsync(response)).GetProperty("outcome").GetString());
        Assert.Equal(0, await SagaCountAsync("src-cw-nodata"));
    }

    [Fact]
    public async Task CloudMonitor_RetriedCallback_StartsOneSaga()
    {
        await cluster.ApplyFleetAsync(Fleets.ForService("src-cms", "127.79.165.0/24", "{rule_id: src-cms-rule, apiStageName: RELEASE}"));
        using var client = cluster.CreateGatewayClient(apiKey: null);
        var body = SourcesBodies.CloudMonitor("src-cms-rule", "RELEASE", DateTimeOffset.UtcNow);

        using var first = await SourcesBodies.PostCloudMonitorAsync(client, body, cluster.CloudMonitorSecret);
        await AssertStartedAsync(first, "src-cms");
        using var retry = await SourcesBodies.PostCloudMonitorAsync(client, body, cluster.CloudMonitorSecret);

        Assert.Equal("duplicate", (await SingleOutcomeAsync(retry)).GetProperty("outcome").GetString());
        Assert.Equal(1, await SagaCountAsync("src-cms"));
    }

    [Fact]
    public async Task PlainJson_MatchedAlert_StartsASaga()
    {
        await cluster.ApplyFleetAsync(Fleets.ForService("src-json", "127.79.166.0/24", "{alertname: SrcJsonTraffic}"));
        using var client = cluster.CreateGatewayClient(cluster.ApiKeys["alerting"]);

        using var response = await client.PostAsync("/webhooks/json", Json(SourcesBodies.Plain("SrcJsonTraffic", "src-json", DateTimeOffset.UtcNow)));

        await AssertStartedAsync(response, "src-json");
    }

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    private async Task<Guid> AssertStartedAsync(HttpResponseMessage response, string service)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"Expected 202, got {(int)response.StatusCode}: {text}\n{cluster.Logs()}");
        var outcome = await SingleOutcomeAsync(response);
        Assert.Equal("started", outcome.GetProperty("outcome").GetString());
        Assert.Equal(1, await SagaCountAsync(service));
        return outcome.GetProperty("sagaId").GetGuid();
    }

    private static async Task<JsonElement> SingleOutcomeAsync(HttpResponseMessage response) =>
        Assert.Single((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("outcomes").EnumerateArray().ToList());

    private async Task<int> SagaCountAsync(string service) =>
        (await cluster.Gateway.GetFromJsonAsync<JsonElement[]>($"/api/sagas?service={service}"))!.Length;
}
