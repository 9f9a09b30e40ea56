using Surge.Capacity.AlertPolicies;
using Surge.Capacity.Incidents;
using Surge.Capacity.ScaleOut;
using Surge.Contracts.Instances;

namespace Surge.Capacity.Tests.Incidents;

public sealed class ScaleInStepPlannerTests
{
    private static readonly TimeSpan Period = TimeSpan.FromMinutes(2);

    private static AlertPolicySpec Spec(ScaleStep? step = null) =>
        IncidentScenario_Policy().Spec with { ScaleIn = new ScaleInSettings("10m", step ?? new ScaleStep(By: 2), "2m") };

    private static AlertPolicyView IncidentScenario_Policy() => Alerts.AlertFixture.Policy("feed-api-traffic");

    private static ScaleOutState Saga(ScaleOutStatus status, int ready, int failed = 0) => new(
        "scale-out/x",
        Guid.NewGuid(),
        "feed-api",
        "feed-pool",
        ready + failed,
        new InstanceShape(500, 512, "registry.local/feed-api:1.0.0"),
        new ScaleOutTrigger("alertmanager", "feed-api-traffic", "FeedApiHighTraffic", "fbab788ec4c1018b", null),
        status,
        [
            .. Enumerable.Range(0, ready).Select(i => new PlannedInstance(Guid.NewGuid(), "n1", "feed-pool", Endpoint: $"127.0.0.{i + 2}:8080")),
            .. Enumerable.Range(0, failed).Select(_ => new PlannedInstance(Guid.NewGuid(), "n1", "feed-pool", FailureReason: "boot failed")),
        ],
        DateTimeOffset.UnixEpoch);

    /// <summary>A resolved incident whose window ended on the scenario's clock, having removed <paramref name="removed"/> so far.</summary>
    private static (IncidentScenario Scenario, IncidentState Incident) Resolved(int removed = 0)
    {
        var scenario = new IncidentScenario();
        scenario.Fire();
        scenario.Resolve();
        scenario.Clock.Advance(IncidentScenario.Window);
        return (scenario, scenario.State! with { RemovedCount = removed });
    }

    [Fact]
    public void Plan_WindowEnded_RemovesOneStep()
    {
        var (scenario, incident) = Resolved();
        var now = scenario.Clock.GetUtcNow();
        Assert.Equal(now, incident.DueAt);

        var step = ScaleInStepPlanner.Plan(incident, Spec(), Saga(ScaleOutStatus.Completed, ready: 5), runningInstances: 8, minimum: 1, now);

        Assert.Equal(new ScaleInStep.Remove(2, 8, now + Period), step);
    }

    [Fact]
    public void Plan_StepSequence_StopsAtAddedCount()
    {
        var (scenario, incident) = Resolved();
        var saga = Saga(ScaleOutStatus.Completed, ready: 5);
        var running = 8;
        var counts = new List<int>();
        while (ScaleInStepPlanner.Plan(incident, Spec(), saga, running, minimum: 1, scenario.Clock.GetUtcNow()) is ScaleInStep.Remove remove)
        {
            counts.Add(remove.Count);
            running -= remove.Count;
            scenario.Apply([new ScaleInStepStarted(incident.IncidentId!.Value, Guid.NewGuid(), remove.Count, remove.InstancesBefore, remove.NextStepAt, scenario.Clock.GetUtcNow())]);
            incident = scenario.State!;
            scenario.Clock.Advance(Period);
        }

        Assert.Equal([2, 2, 1], counts);
        Assert.Equal(3, running);
        Assert.IsType<ScaleInStep.Finish>(ScaleInStepPlanner.Plan(incident, Spec(), saga, running, 1, scenario.Clock.GetUtcNow()));
    }

    [Fact]
    public void Plan_NearMinimum_StopsAtTheMinimum()
    {
        var (scenario, incident) = Resolved();

        var step = ScaleInStepPlanner.Plan(incident, Spec(new ScaleStep(By: 5)), Saga(ScaleOutStatus.Completed, ready: 5), runningInstances: 4, minimum: 3, scenario.Clock.GetUtcNow());

        Assert.Equal(1, Assert.IsType<ScaleInStep.Remove>(step).Count);
    }

    [Fact]
    public void Plan_AtMinimum_Finishes()
    {
        var (scenario, incident) = Resolved();

        var step = ScaleInStepPlanner.Plan(incident, Spec(), Saga(ScaleOutStatus.Completed, ready: 5), runningInstances: 3, minimum: 3, scenario.Clock.GetUtcNow());

        Assert.Contains("at its minimum of 3", Assert.IsType<ScaleInStep.Finish>(step).Reason);
    }

    [Fact]
    public void Plan_PercentStep_RoundsUp()
    {
        var (scenario, incident) = Resolved();

        var step = ScaleInStepPlanner.Plan(incident, Spec(new ScaleStep(Percent: 25)), Saga(ScaleOutStatus.Completed, ready: 10), runningInstances: 10, minimum: 0, scenario.Clock.GetUtcNow());

        Assert.Equal(3, Assert.IsType<ScaleInStep.Remove>(step).Count);
    }

    [Fact]
    public void Plan_ScaleOutStillRunning_WaitsOnePeriod()
    {
        var (scenario, incident) = Resolved();
        var now = scenario.Clock.GetUtcNow();

        var step = ScaleInStepPlanner.Plan(incident, Spec(), Saga(ScaleOutStatus.StartingInstances, ready: 0), runningInstances: 3, minimum: 0, now);

        Assert.Equal(now + Period, Assert.IsType<ScaleInStep.Wait>(step).NextStepAt);
    }

    [Fact]
    public void Plan_PartialScaleOut_RemovesReadyOnly()
    {
        var (scenario, incident) = Resolved(removed: 2);

        var step = ScaleInStepPlanner.Plan(incident, Spec(), Saga(ScaleOutStatus.PartiallyCompleted, ready: 3, failed: 2), runningInstances: 6, minimum: 0, scenario.Clock.GetUtcNow());

        Assert.Equal(1, Assert.IsType<ScaleInStep.Remove>(step).Count);
    }

    [Theory]
    [InlineData(ScaleOutStatus.Failed)]
    [InlineData(ScaleOutStatus.Cancelled)]
    public void Plan_ScaleOutAddedNothing_Finishes(ScaleOutStatus status)
    {
        var (scenario, incident) = Resolved();

        var step = ScaleInStepPlanner.Plan(incident, Spec(), Saga(status, ready: 0, failed: 3), runningInstances: 6, minimum: 0, scenario.Clock.GetUtcNow());

        Assert.IsType<ScaleInStep.Finish>(step);
    }

    [Fact]
    public void Plan_PolicyRemoved_Finishes()
    {
        var (scenario, incident) = Resolved();

        Assert.IsType<ScaleInStep.Finish>(ScaleInStepPlanner.Plan(incident, null, Saga(ScaleOutStatus.Completed, 3), 6, 0, scenario.Clock.GetUtcNow()));
    }
}
