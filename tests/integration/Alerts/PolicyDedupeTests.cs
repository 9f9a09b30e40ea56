using Surge.IntegrationTests.Harness;

namespace Surge.IntegrationTests.Alerts;

/// <summary>The same notification from two senders at once, and again later, starts one saga.</summary>
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
}
