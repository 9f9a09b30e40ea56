using System.Text.Json;
using Surge.IntegrationTests.Harness;

namespace Surge.IntegrationTests.Alerts;

/// <summary>A resolved alert that stays resolved scales in step by step after the stabilisation window, never below the minimum.</summary>
[Collection(ClusterCollection.Name)]
[Trait("Category", "Alerts")]
public sealed class PolicyScaleInTests(SurgeCluster cluster)
{
    private const string Service = "calm-api";
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(3);
    private static readonly TimeSpan StepPeriod = TimeSpan.FromSeconds(2);

    [Fact]
    public async Task StayingResolved_ScalesInStepwise()
    {
        await cluster.ApplyPolicyFleetAsync(Service, "127.86.3.0/24", """
            scaleOut: {by: 3}
            cooldown: 0s
            minInstances: 1
            scaleIn: {stabilisationWindow: 3s, step: {by: 1}, stepPeriod: 2s}
            """);
        var startsAt = DateTimeOffset.UtcNow.AddSeconds(-30);
        var fired = await cluster.SendAsync(PolicyAlerts.Body(Service, "firing", startsAt));
        var saga = await cluster.WaitForFinishedSagaAsync(fired.GetProperty("sagaId").GetGuid(), TimeSpan.FromSeconds(60));
        Assert.True(saga.GetProperty("status").GetString() == "Completed", $"The scale-out ended as {saga}.\n{cluster.Logs()}");

        var resolvedAt = DateTimeOffset.UtcNow;
        Assert.Equal("resolved", (await cluster.SendAsync(PolicyAlerts.Body(Service, "resolved", startsAt))).GetProperty("outcome").GetString());
        var incident = await WaitForClosedAsync(TimeSpan.FromSeconds(60));

        var events = await cluster.GetIncidentEventsAsync(Service);
        Assert.Equal(["AlertMatched", "IncidentScaleOutStarted", "AlertResolved", "ScaleInStepStarted", "ScaleInStepStarted", "IncidentClosed"], events.Types());
        var steps = events.Where(e => e.GetProperty("type").GetString() == "ScaleInStepStarted").Select(e => e.GetProperty("data")).ToList();
        Assert.All(steps, step => Assert.Equal(1, step.GetProperty("count").GetInt32()));
        var stepTimes = steps.Select(step => step.GetProperty("at").GetDateTimeOffset()).ToList();
        Assert.True(stepTimes[0] >= resolvedAt + Window - TimeSpan.FromSeconds(1), $"The first step started at {stepTimes[0]:O}, before the window after {resolvedAt:O} ended.");
        Assert.True(stepTimes[1] - stepTimes[0] >= StepPeriod, $"The steps started {stepTimes[1] - stepTimes[0]} apart, less than the step period.");
        Assert.Contains("minimum of 1", events[^1].GetProperty("data").GetProperty("reason").GetString());
        Assert.Equal("Closed", incident.GetProperty("status").GetString());

        await AssertScaleInSagasCompleteAsync(steps);
    }

    private async Task AssertScaleInSagasCompleteAsync(List<JsonElement> steps)
    {
        foreach (var step in steps)
        {
            var scaleIn = await cluster.WaitForFinishedSagaAsync(step.GetProperty("scaleInSagaId").GetGuid(), TimeSpan.FromSeconds(60));
            Assert.True(scaleIn.GetProperty("status").GetString() == "Completed", $"A scale-in step ended as {scaleIn}.\n{cluster.Logs()}");
            Assert.Equal($"alert-policy/{Service}-burst", scaleIn.GetProperty("requestedBy").GetString());
        }
    }

    private Task<JsonElement> WaitForClosedAsync(TimeSpan timeout) =>
        Eventually.GetAsync<JsonElement>(
            async () => (await cluster.GetIncidentsAsync(Service)).SingleOrDefault() is { } incident && incident.GetProperty("status").GetString() == "Closed" ? incident : null,
            timeout,
            $"the incident of {Service} to close");
}
