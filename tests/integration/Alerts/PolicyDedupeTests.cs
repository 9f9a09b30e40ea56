using Surge.IntegrationTests.Harness;

namespace Surge.IntegrationTests.Alerts;

/// <summary>The same notification from two senders at once, again later, and again after a 503, starts one saga.</summary>
[Collection(ClusterCollection.Name)]
[Trait("Category", "Alerts")]
public sealed class PolicyDedupeTests(SurgeCluster cluster)
{
    private const string Service = "dedupe-api";

    [Fact]
    public async Task ConcurrentAndLaterCopies_StartOneSaga()
    {
        await cluster.ApplyPolicyFleetAsync(Service, "127.86.1.0/24", "scaleOut: {by: 2}\ncooldown: 0s");
        var body = PolicyAlerts.Body(Service, "firing", DateTimeOffset.UtcNow.AddSeconds(-30));

        // Both peers of an Alertmanager pair, each sending twice at the same moment.
        var outcomes = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => cluster.SendAsync(body)));
        var later = await cluster.SendAsync(body);

        var all = outcomes.Append(later).ToList();
        Assert.Single(all, outcome => outcome.GetProperty("outcome").GetString() == "started");
        Assert.Equal(4, all.Count(outcome => outcome.GetProperty("outcome").GetString() == "duplicate"));
        var sagaId = Assert.Single(all.Select(outcome => outcome.GetProperty("sagaId").GetGuid()).Distinct());

        var sagas = await cluster.GetSagasAsync(Service);
        Assert.Equal(sagaId, Assert.Single(sagas).GetProperty("sagaId").GetGuid());
        var events = (await cluster.GetIncidentEventsAsync(Service)).Types();
        Assert.Equal(["AlertMatched", "IncidentScaleOutStarted", "DuplicateAlertReceived", "DuplicateAlertReceived", "DuplicateAlertReceived", "DuplicateAlertReceived"], events);
    }

    [Fact]
    public async Task RetryAfter503_StartsOneSaga()
    {
        const string service = "retry-api";
        await cluster.ApplyPolicyFleetAsync(service, "127.86.5.0/24", "scaleOut: {by: 1}\ncooldown: 0s");
        var body = PolicyAlerts.Body(service, "firing", DateTimeOffset.UtcNow.AddSeconds(-30));

        // With Capacity down the gateway returns 503, so Alertmanager sends the notification again.
        var capacity = cluster.Service("capacity");
        capacity.Kill();
        try
        {
            using var unavailable = await cluster.PostAlertmanagerAsync(body);
            Assert.Equal(System.Net.HttpStatusCode.ServiceUnavailable, unavailable.StatusCode);
        }
        finally
        {
            await capacity.StartAsync(SurgeCluster.StartTimeout);
        }

        var retried = await cluster.SendAsync(body);
        var again = await cluster.SendAsync(body);

        Assert.Equal("started", retried.GetProperty("outcome").GetString());
        Assert.Equal("duplicate", again.GetProperty("outcome").GetString());
        Assert.Single(await cluster.GetSagasAsync(service));
    }
}
