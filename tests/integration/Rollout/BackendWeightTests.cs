using System.Net.Http.Json;
using System.Text.Json;
using Surge.IntegrationTests.Harness;

namespace Surge.IntegrationTests.Rollout;

/// <summary>The LoadBalancer's side of a rollout: backend weights and error measurements.</summary>
[Collection(ClusterCollection.Name)]
[Trait("Category", "Rollout")]
public sealed class BackendWeightTests(SurgeCluster cluster)
{
    private const string Service = "rollout-weights";
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task SetBackendWeights_ZeroThenOne_KeepsMembers()
    {
        await cluster.ApplyFleetAsync(Fleets.ForService(Service, "127.77.241.0/24", "{alertname: RolloutWeightsTraffic}"));
        var scaleOut = await cluster.WaitForFinishedSagaAsync(await cluster.RequestScaleOutAsync(Service, 2), Timeout);
        Assert.True(scaleOut.GetProperty("status").GetString() == "Completed", $"{scaleOut}\n{cluster.Logs()}");
        await using var messages = await SagaMessages.ListenAsync(
            cluster,
            "Surge.Contracts.Backends:BackendWeightsSet",
            "Surge.Contracts.Backends:BackendErrorsMeasured");
        var members = await BackendsAsync();
        var first = members[0].GetProperty("instanceId").GetGuid();
        var second = members[1].GetProperty("instanceId").GetGuid();
        var sagaId = Guid.NewGuid();

        // The window opens when the load balancer takes the message, so the requests start a second later and end long
        // before the window closes.
        await messages.PublishAsync("Surge.Contracts.Backends:MeasureBackendErrors", new { sagaId, service = Service, instanceIds = new[] { first, second }, window = "00:00:10" });
        await Task.Delay(TimeSpan.FromSeconds(1));
        var servedWhileMeasured = await ServedByAsync(20);
        var measured = await messages.WaitForAsync("Surge.Contracts.Backends:BackendErrorsMeasured", message => message.GetProperty("sagaId").GetGuid() == sagaId, Timeout);

        Assert.Equal(20, servedWhileMeasured.Count);
        Assert.Equal(20, measured.GetProperty("requests").GetInt64());
        Assert.Equal(0, measured.GetProperty("failed").GetInt64());

        await messages.PublishAsync("Surge.Contracts.Backends:SetBackendWeights", new { sagaId, service = Service, instanceIds = new[] { first }, weight = 0, drainTimeout = "00:00:10" });
        var lowered = await messages.WaitForAsync("Surge.Contracts.Backends:BackendWeightsSet", message => message.GetProperty("weight").GetInt32() == 0, Timeout);
        var servedAtZero = await ServedByAsync(10);
        var membersAtZero = await BackendsAsync();

        Assert.Equal([first], lowered.GetProperty("instanceIds").EnumerateArray().Select(id => id.GetGuid()));
        Assert.All(servedAtZero, served => Assert.Equal(second, served));
        Assert.Equal(2, membersAtZero.Count);
        Assert.Equal(0, membersAtZero.Single(member => member.GetProperty("instanceId").GetGuid() == first).GetProperty("weight").GetInt32());

        await messages.PublishAsync("Surge.Contracts.Backends:SetBackendWeights", new { sagaId, service = Service, instanceIds = new[] { first }, weight = 1, drainTimeout = "00:00:10" });
        await messages.WaitForAsync("Surge.Contracts.Backends:BackendWeightsSet", message => message.GetProperty("weight").GetInt32() == 1, Timeout);
        var servedRestored = await ServedByAsync(10);

        Assert.Contains(first, servedRestored);
        Assert.Contains(second, servedRestored);
        var events = await cluster.Gateway.GetFromJsonAsync<JsonElement>($"/api/loadbalancer/audit/streams/backend-pool/{Service}");
        Assert.DoesNotContain("BackendRemoved", events.ToString(), StringComparison.Ordinal);
        Assert.Contains("BackendWeightChanged", events.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task MeasureBackendErrors_NodeDown_CountsRefusedRequests()
    {
        const string service = "rollout-errors";
        await cluster.ApplyFleetAsync(Fleets.ForService(service, "127.77.242.0/24", "{alertname: RolloutErrorsTraffic}"));
        var scaleOut = await cluster.WaitForFinishedSagaAsync(await cluster.RequestScaleOutAsync(service, 2), Timeout);
        Assert.True(scaleOut.GetProperty("status").GetString() == "Completed", $"{scaleOut}\n{cluster.Logs()}");
        await using var messages = await SagaMessages.ListenAsync(cluster, "Surge.Contracts.Backends:BackendErrorsMeasured");
        var members = await BackendsAsync(service);
        var instanceIds = members.Select(member => member.GetProperty("instanceId").GetGuid()).ToArray();
        var instance = await cluster.Gateway.GetFromJsonAsync<JsonElement>($"/api/provisioner/instances/{instanceIds[0]}");
        var node = instance.GetProperty("node").GetString();
        using var outage = await cluster.Gateway.PostAsJsonAsync($"/api/provisioner/simulation/nodes/{node}/outage", new { instancesSurvive = true });
        outage.EnsureSuccessStatusCode();
        var sagaId = Guid.NewGuid();

        try
        {
            await messages.PublishAsync("Surge.Contracts.Backends:MeasureBackendErrors", new { sagaId, service, instanceIds, window = "00:00:10" });
            await Task.Delay(TimeSpan.FromSeconds(1));
            var statuses = await StatusesAsync(service, 10);
            var measured = await messages.WaitForAsync("Surge.Contracts.Backends:BackendErrorsMeasured", message => message.GetProperty("sagaId").GetGuid() == sagaId, Timeout);

            Assert.Equal(10, measured.GetProperty("requests").GetInt64());
            Assert.Equal(statuses.Count(status => status >= 500), measured.GetProperty("failed").GetInt64());
            Assert.True(measured.GetProperty("failed").GetInt64() > 0, measured.ToString());
        }
        finally
        {
            using var ended = await cluster.Gateway.DeleteAsync($"/api/provisioner/simulation/nodes/{node}/outage");
        }
    }

    private async Task<List<JsonElement>> BackendsAsync(string service = Service) =>
        [.. (await cluster.Gateway.GetFromJsonAsync<JsonElement[]>($"/api/loadbalancer/services/{service}/backends"))!];

    private async Task<List<Guid>> ServedByAsync(int count)
    {
        using var client = new HttpClient { BaseAddress = new Uri(cluster.DataPlaneUrl), Timeout = TimeSpan.FromSeconds(10) };
        var served = new List<Guid>();
        for (var i = 0; i < count; i++)
        {
            using var response = await client.GetAsync($"/{Service}/");
            response.EnsureSuccessStatusCode();
            served.Add(Guid.Parse(response.Headers.GetValues("X-Surge-Instance").Single()));
        }

        return served;
    }

    private async Task<List<int>> StatusesAsync(string service, int count)
    {
        using var client = new HttpClient { BaseAddress = new Uri(cluster.DataPlaneUrl), Timeout = TimeSpan.FromSeconds(10) };
        var statuses = new List<int>();
        for (var i = 0; i < count; i++)
        {
            using var response = await client.GetAsync($"/{service}/");
            statuses.Add((int)response.StatusCode);
        }

        return statuses;
    }
}
