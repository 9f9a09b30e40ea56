using Surge.IntegrationTests.Harness;

namespace Surge.IntegrationTests.Alerts;

/// <summary>An alert that resolves and fires again within the stabilisation window is a flap.</summary>
[Collection(ClusterCollection.Name)]
[Trait("Category", "Alerts")]
public sealed class FlapTests(SurgeCluster cluster)
{
    private const string Service = "flap-api";
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(4);

    [Fact]
    public async Task RefireWithinWindow_RecordsFlapOnly()
    {
        await cluster.ApplyPolicyFleetAsync(Service, "127.86.2.0/24", """
            scaleOut: {by: 2}
            cooldown: 0s
            scaleIn: {stabilisationWindow: 4s, step: {by: 1}, stepPeriod: 1s}
            """);
        var startsAt = DateTimeOffset.UtcNow.AddSeconds(-30);
        var fired = await cluster.SendAsync(PolicyAlerts.Body(Service, "firing", startsAt));
        Assert.Equal("started", fired.GetProperty("outcome").GetString());
        var sagaId = fired.GetProperty("sagaId").GetGuid();
        var saga = await cluster.WaitForFinishedSagaAsync(sagaId, TimeSpan.FromSeconds(60));
        Assert.True(saga.GetProperty("status").GetString() == "Completed", $"The scale-out ended as {saga}.\n{cluster.Logs()}");

        var resolved = await cluster.SendAsync(PolicyAlerts.Body(Service, "resolved", startsAt));
        Assert.Equal("resolved", resolved.GetProperty("outcome").GetString());
        // Prometheus gives an alert that fires again a new start time, so this is a new firing of the same alert.
        var refired = await cluster.SendAsync(PolicyAlerts.Body(Service, "firing", DateTimeOffset.UtcNow));
        Assert.Equal("flap", refired.GetProperty("outcome").GetString());
        Assert.Equal(sagaId, refired.GetProperty("sagaId").GetGuid());

        // Past the window the incident still fires, so the timer has nothing to do.
        await Task.Delay(Window * 2);
        var sagas = await cluster.GetSagasAsync(Service);
        Assert.Equal(sagaId, Assert.Single(sagas).GetProperty("sagaId").GetGuid());
        var events = (await cluster.GetIncidentEventsAsync(Service)).Types();
        Assert.Equal(["AlertMatched", "IncidentScaleOutStarted", "AlertResolved", "FlapRecorded"], events);
        var incident = Assert.Single(await cluster.GetIncidentsAsync(Service));
        Assert.Equal("Firing", incident.GetProperty("status").GetString());
        Assert.Equal(1, incident.GetProperty("flaps").GetInt32());
    }
}
