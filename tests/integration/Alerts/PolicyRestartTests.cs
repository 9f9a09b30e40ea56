using System.Text.Json;
using Surge.IntegrationTests.Harness;

namespace Surge.IntegrationTests.Alerts;

/// <summary>A stabilisation window that ends while Capacity is down still starts scale-in, once Capacity runs again.</summary>
[Collection(ClusterCollection.Name)]
[Trait("Category", "Alerts")]
public sealed class PolicyRestartTests(SurgeCluster cluster)
{
    private const string Service = "restart-api";
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(4);

    [Fact]
    public async Task WindowEndedWhileDown_ScalesInLater()
    {
        await cluster.ApplyPolicyFleetAsync(Service, "127.86.4.0/24", """
            scaleOut: {by: 2}
            cooldown: 0s
            scaleIn: {stabilisationWindow: 4s, step: {by: 2}, stepPeriod: 1s}
            """);
        var startsAt = DateTimeOffset.UtcNow.AddSeconds(-30);
        var fired = await cluster.SendAsync(PolicyAlerts.Body(Service, "firing", startsAt));
        var saga = await cluster.WaitForFinishedSagaAsync(fired.GetProperty("sagaId").GetGuid(), TimeSpan.FromSeconds(60));
        Assert.True(saga.GetProperty("status").GetString() == "Completed", $"The scale-out ended as {saga}.\n{cluster.Logs()}");

        Assert.Equal("resolved", (await cluster.SendAsync(PolicyAlerts.Body(Service, "resolved", startsAt))).GetProperty("outcome").GetString());
        var capacity = cluster.Service("capacity");
        capacity.Kill();
        await Task.Delay(Window * 2);
        var restartedAt = DateTimeOffset.UtcNow;
        await capacity.StartAsync(SurgeCluster.StartTimeout);

        var incident = await Eventually.GetAsync<JsonElement>(
            async () => (await cluster.GetIncidentsAsync(Service)).SingleOrDefault() is { } current && current.GetProperty("status").GetString() == "Closed" ? current : null,
            TimeSpan.FromSeconds(60),
            $"the incident of {Service} to close after the restart");
        var events = await cluster.GetIncidentEventsAsync(Service);
        Assert.Equal(["AlertMatched", "IncidentScaleOutStarted", "AlertResolved", "ScaleInStepStarted", "IncidentClosed"], events.Types());
        var step = events[3].GetProperty("data");
        Assert.Equal(2, step.GetProperty("count").GetInt32());
        Assert.True(step.GetProperty("at").GetDateTimeOffset() >= restartedAt, "The step started before Capacity restarted.");
        Assert.Equal(2, incident.GetProperty("removedCount").GetInt32());
    }
}
