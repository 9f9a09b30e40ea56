using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Surge.IntegrationTests.Harness;

namespace Surge.IntegrationTests.Alerts.Sources;

/// <summary>A notification that fails its source's check, or is too large or of the wrong type, is refused and stores nothing.</summary>
[Collection(SourcesCollection.Name)]
[Trait("Category", "Alerts")]
public sealed class SourcesRefusalTests(SourcesCluster cluster)
{
    private const string Service = "src-refused";

    [Fact]
    public async Task FailedChecks_Are401StoringNothing()
    {
        await cluster.ApplyFleetAsync(Fleets.ForService(Service, "127.79.167.0/24", "{service: src-refused}"));
        using var client = cluster.CreateGatewayClient(apiKey: null);
        var now = DateTimeOffset.UtcNow;
        var grafana = SourcesBodies.Grafana("SrcRefused", Service, now, "0123456789abcdef");
        var alarm = SourcesBodies.CloudWatchAlarm("src-refused", "b", now);
        var forged = System.Text.Json.Nodes.JsonNode.Parse(SourcesBodies.SnsMessage(cluster.SigningKey, "Notification", Guid.NewGuid().ToString(), alarm))!;
        forged["Message"] = alarm.Replace("\"ALARM\"", "\"OK\"", StringComparison.Ordinal);
        using var otherKey = System.Security.Cryptography.RSA.Create(2048);

        var responses = new Dictionary<string, HttpResponseMessage>
        {
            ["grafana wrong secret"] = await SourcesBodies.PostGrafanaAsync(client, grafana, "not-the-contact-points-secret", now),
            ["grafana replayed"] = await SourcesBodies.PostGrafanaAsync(client, grafana, cluster.GrafanaSecret, now.AddMinutes(-10)),
            ["grafana unsigned"] = await client.PostAsync("/webhooks/grafana", new StringContent(grafana, Encoding.UTF8, "application/json")),
            ["sns other key"] = await SourcesBodies.PostSnsAsync(client, SourcesBodies.SnsMessage(otherKey, "Notification", Guid.NewGuid().ToString(), alarm)),
            ["sns changed after signing"] = await SourcesBodies.PostSnsAsync(client, forged.ToJsonString()),
            ["cloudmonitor wrong token"] = await SourcesBodies.PostCloudMonitorAsync(client, SourcesBodies.CloudMonitor("src-refused-rule", "RELEASE", now), "wrong-token"),
            ["cloudmonitor replayed"] = await SourcesBodies.PostCloudMonitorAsync(client, SourcesBodies.CloudMonitor("src-refused-rule", "RELEASE", now.AddHours(-2)), cluster.CloudMonitorSecret),
            ["json without key"] = await client.PostAsync("/webhooks/json", new StringContent(SourcesBodies.Plain("SrcRefused", Service, now), Encoding.UTF8, "application/json")),
        };

        foreach (var (name, response) in responses)
        {
            Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{name}: expected 401, got {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
            var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal(401, problem.GetProperty("status").GetInt32());
            response.Dispose();
        }

        Assert.Empty((await cluster.Gateway.GetFromJsonAsync<JsonElement[]>($"/api/sagas?service={Service}"))!);
    }

    [Fact]
    public async Task FailedCheck_NamesTheFieldAndTheFix()
    {
        using var client = cluster.CreateGatewayClient(apiKey: null);

        using var response = await SourcesBodies.PostCloudMonitorAsync(client, SourcesBodies.CloudMonitor("r", "RELEASE", DateTimeOffset.UtcNow), "wrong-token");

        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains("Gateway:AlertSources:CloudMonitor:Secret", problem.GetProperty("errors").GetProperty("token")[0].GetString());
        Assert.DoesNotContain(cluster.CloudMonitorSecret, problem.GetRawText());
    }

    [Fact]
    public async Task OversizedBody_Is413AndWrongType_Is415()
    {
        using var client = cluster.CreateGatewayClient(cluster.ApiKeys["alerting"]);

        using var large = await client.PostAsync("/webhooks/alertmanager", new StringContent(new string(' ', 70_000) + "{}", Encoding.UTF8, "application/json"));
        using var form = await client.PostAsync("/webhooks/alertmanager", new StringContent("a=b", Encoding.UTF8, "application/x-www-form-urlencoded"));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, large.StatusCode);
        Assert.Equal(413, (await large.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetInt32());
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, form.StatusCode);
        var problem = await form.Content.ReadAsStringAsync();
        Assert.True(JsonDocument.Parse(problem).RootElement.TryGetProperty("errors", out var errors), problem);
        Assert.Contains("application/json", errors.GetProperty("Content-Type")[0].GetString());
    }
}
