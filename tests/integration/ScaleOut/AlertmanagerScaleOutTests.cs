using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Surge.IntegrationTests.Harness;

namespace Surge.IntegrationTests.ScaleOut;

/// <summary>A real Alertmanager notification through the gateway scales a service out across every service.</summary>
[Collection(ClusterCollection.Name)]
[Trait("Category", "Integration")]
public sealed class AlertmanagerScaleOutTests(SurgeCluster cluster)
{
    private const string Service = "weblogic";
    private const string Subnet = "127.77.1.0/24";
    private static readonly TimeSpan SagaTimeout = TimeSpan.FromSeconds(60);

    private static readonly string[] HappyPath =
        ["ScaleOutRequested", "InstancesPlaced", "AddressesAssigned", "InstanceReady", "InstanceReady", "BackendsRequested", "BackendsAdded", "ScaleOutCompleted"];

    [Fact]
    public async Task RealPayload_CompletesSagasAndRoutesTrafficToEveryInstance()
    {
        await cluster.ApplyFleetAsync(Fleets.ForService(Service, Subnet, "{alertname: ClusterWarning, weblogic_domainUID: soainfra}"));
        var body = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "Data", "am018-firing-grouped-2alerts.raw.json"));

        using var response = await cluster.PostAlertmanagerAsync(body);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var outcomes = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("outcomes").EnumerateArray().ToList();
        Assert.Equal(2, outcomes.Count);
        Assert.All(outcomes, outcome => Assert.Equal("started", outcome.GetProperty("outcome").GetString()));
        var sagaIds = outcomes.Select(outcome => outcome.GetProperty("sagaId").GetGuid()).ToList();

        var instances = new List<JsonElement>();
        foreach (var sagaId in sagaIds)
        {
            var saga = (await cluster.WaitForFinishedSagaAsync(sagaId, SagaTimeout));
            Assert.True(saga.GetProperty("status").GetString() == "Completed", $"Saga {sagaId} ended as {saga}.\n{cluster.Logs()}");
            instances.AddRange(saga.GetProperty("instances").EnumerateArray());
            await AssertEventsInOrderAsync(sagaId);
        }

        AssertDistinctAddressesInSubnet(instances);
        await AssertTrafficReachesEveryInstanceAsync(instances);
        await AssertDuplicateStartsNothingAsync(body, sagaIds);
        await AssertTimelineSpansServicesAsync(response.CorrelationId());
    }

    private async Task AssertEventsInOrderAsync(Guid sagaId)
    {
        var events = await cluster.GetSagaEventsAsync(sagaId);
        Assert.Equal(HappyPath, events.Select(e => e.GetProperty("type").GetString()));
        Assert.Equal(Enumerable.Range(1, events.Length).Select(v => (long)v), events.Select(e => e.GetProperty("version").GetInt64()));
        var times = events.Select(e => e.GetProperty("timestamp").GetDateTimeOffset()).ToList();
        Assert.Equal(times.Order(), times);
        Assert.All(events, e => Assert.False(string.IsNullOrEmpty(e.GetProperty("correlationId").GetString())));
    }

    private static void AssertDistinctAddressesInSubnet(List<JsonElement> instances)
    {
        var network = IPNetwork.Parse(Subnet);
        var addresses = instances.Select(i => i.GetProperty("address").GetString()!).ToList();
        Assert.Equal(4, addresses.Count);
        Assert.Equal(addresses.Count, addresses.Distinct().Count());
        Assert.All(addresses, address => Assert.True(network.Contains(IPAddress.Parse(address)), $"{address} is outside {Subnet}."));
        Assert.DoesNotContain("127.77.1.1", addresses);
    }

    private async Task AssertTrafficReachesEveryInstanceAsync(List<JsonElement> instances)
    {
        using var client = new HttpClient { BaseAddress = new Uri(cluster.DataPlaneUrl), Timeout = TimeSpan.FromSeconds(10) };
        var hits = new Dictionary<string, int>();
        for (var i = 0; i < 40; i++)
        {
            var reply = await client.GetFromJsonAsync<JsonElement>($"/{Service}/");
            var instanceId = reply.GetProperty("instanceId").GetString()!;
            hits[instanceId] = hits.GetValueOrDefault(instanceId) + 1;
        }

        foreach (var instance in instances)
        {
            var id = instance.GetProperty("instanceId").GetString()!;
            Assert.True(hits.GetValueOrDefault(id) > 0, $"Instance {id} received no request; hits: {string.Join(", ", hits)}.");
        }
    }

    private async Task AssertDuplicateStartsNothingAsync(string body, List<Guid> sagaIds)
    {
        using var again = await cluster.PostAlertmanagerAsync(body);
        Assert.Equal(HttpStatusCode.Accepted, again.StatusCode);
        var outcomes = (await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("outcomes").EnumerateArray().ToList();
        Assert.All(outcomes, outcome => Assert.Equal("duplicate", outcome.GetProperty("outcome").GetString()));
        Assert.All(outcomes, outcome => Assert.Contains("now Completed", outcome.GetProperty("detail").GetString()));
        Assert.Equal(sagaIds, outcomes.Select(outcome => outcome.GetProperty("sagaId").GetGuid()));

        var sagas = await cluster.Gateway.GetFromJsonAsync<JsonElement[]>($"/api/sagas?service={Service}");
        Assert.Equal(2, sagas!.Length);
    }

    private async Task AssertTimelineSpansServicesAsync(string correlationId)
    {
        var timeline = await cluster.GetCorrelationEventsAsync(correlationId);
        var services = timeline.Select(e => e.GetProperty("service").GetString()).Distinct().ToHashSet();
        Assert.Superset(new HashSet<string?> { "capacity", "ipam", "provisioner", "loadbalancer" }, services);
        var times = timeline.Select(e => e.GetProperty("timestamp").GetDateTimeOffset()).ToList();
        Assert.Equal(times.Order(), times);
    }
}
