using Surge.Capacity.Alerts;
using Surge.Capacity.ScaleOut;
using Surge.Contracts.Instances;
using static Surge.Capacity.Tests.Alerts.AlertFixture;

namespace Surge.Capacity.Tests.Alerts;

public sealed class ScaleOutPlannerTests
{
    private static readonly Guid SagaId = Guid.Parse("0195a000-0000-8000-8000-000000000042");
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    private static ScaleOutPlan Plan(int currentInstances, int by = 3, int? policyMaximum = null, int serviceMaximum = 12, DateTimeOffset? lastScaleOutAt = null) =>
        ScaleOutPlanner.Plan(
            SagaId,
            "alertmanager",
            Firing(("alertname", "FeedApiHighTraffic"), ("service", "feed-api")),
            new AlertTriage.Matched(Policy("feed-api-traffic", by: by, maxInstances: policyMaximum), Service(maxInstances: serviceMaximum)),
            currentInstances,
            Now,
            lastScaleOutAt);

    [Fact]
    public void Plan_WithinCooldown_DeclinesNamingPolicyAndEnd()
    {
        var plan = Plan(currentInstances: 2, lastScaleOutAt: Now.AddMinutes(-2));

        Assert.True(plan.Declined);
        Assert.Equal([typeof(ScaleOutRequested), typeof(ScaleOutDeclined)], plan.Events.Select(e => e.GetType()));
        Assert.Contains("feed-api-traffic is in its cooldown of 5m until 2026-03-01 12:03:00Z", plan.Detail);
    }

    [Fact]
    public void Plan_AfterCooldown_Scales()
    {
        var plan = Plan(currentInstances: 2, lastScaleOutAt: Now.AddMinutes(-5));

        Assert.False(plan.Declined);
        Assert.Equal(3, plan.Count);
    }

    [Fact]
    public void Plan_RoomBelowMaximum_RequestsPolicyCount()
    {
        var plan = Plan(currentInstances: 2);

        Assert.False(plan.Declined);
        Assert.Equal(3, plan.Count);
        Assert.Equal("Scaling feed-api out by 3.", plan.Detail);
        var requested = Assert.IsType<ScaleOutRequested>(Assert.Single(plan.Events));
        Assert.Equal(3, requested.RequestedCount);
    }

    [Fact]
    public void Plan_NearMaximum_CapsCountAtMaximum()
    {
        var plan = Plan(currentInstances: 10);

        Assert.False(plan.Declined);
        Assert.Equal(2, plan.Count);
        Assert.Equal("Scaling feed-api out by 2 instead of 3: the maximum is 12 and it has 10.", plan.Detail);
        Assert.Equal(2, Assert.IsType<ScaleOutRequested>(Assert.Single(plan.Events)).RequestedCount);
    }

    [Theory]
    [InlineData(12)]
    [InlineData(15)]
    public void Plan_AtOrAboveMaximum_DeclinesWithRequestedAndDeclined(int currentInstances)
    {
        var plan = Plan(currentInstances);

        Assert.True(plan.Declined);
        Assert.Equal(0, plan.Count);
        Assert.Equal([typeof(ScaleOutRequested), typeof(ScaleOutDeclined)], plan.Events.Select(e => e.GetType()));
        Assert.Equal(3, ((ScaleOutRequested)plan.Events[0]).RequestedCount);
        var declined = (ScaleOutDeclined)plan.Events[1];
        Assert.Equal($"feed-api already has {currentInstances} instances, at or above the maximum of 12; nothing was scaled.", declined.Reason);
        Assert.Equal(Now, declined.At);
        Assert.Equal(declined.Reason, plan.Detail);
    }

    [Fact]
    public void Plan_DeclinedEvents_FoldIntoDeclinedSaga()
    {
        var plan = Plan(currentInstances: 12);

        var state = plan.Events.Aggregate((ScaleOutState?)null, ScaleOutDecider.Evolve);

        Assert.NotNull(state);
        Assert.Equal(ScaleOutStatus.Declined, state.Status);
        Assert.True(state.IsFinished);
    }

    [Fact]
    public void Plan_PolicyMaximumBelowServiceMaximum_UsesPolicyMaximum()
    {
        var plan = Plan(currentInstances: 4, policyMaximum: 5, serviceMaximum: 12);

        Assert.Equal(1, plan.Count);
        Assert.Contains("the maximum is 5", plan.Detail);
    }

    [Fact]
    public void Plan_PolicyMaximumAboveServiceMaximum_UsesServiceMaximum()
    {
        var plan = Plan(currentInstances: 11, policyMaximum: 20, serviceMaximum: 12);

        Assert.Equal(1, plan.Count);
        Assert.Contains("the maximum is 12", plan.Detail);
    }

    [Fact]
    public void Plan_Started_RecordsTriggerShapeAndPool()
    {
        var plan = Plan(currentInstances: 0);

        var requested = Assert.IsType<ScaleOutRequested>(Assert.Single(plan.Events));
        Assert.Equal(SagaId, requested.SagaId);
        Assert.Equal("feed-api", requested.Service);
        Assert.Equal("feed-pool", requested.Pool);
        Assert.Equal(new InstanceShape(500, 512, "registry.local/feed-api:1.0.0"), requested.Shape);
        Assert.Equal(new ScaleOutTrigger("alertmanager", "feed-api-traffic", "FeedApiHighTraffic", "fbab788ec4c1018b", StartsAt), requested.Trigger);
        Assert.Equal(Now, requested.At);
    }

    [Fact]
    public void Plan_PercentPolicy_RoundsUp()
    {
        var policy = Policy("feed-api-traffic") with { Spec = Policy("feed-api-traffic").Spec with { ScaleOut = new Surge.Capacity.AlertPolicies.ScaleOutAction(Percent: 50) } };

        var plan = ScaleOutPlanner.Plan(SagaId, "alertmanager", Firing(("alertname", "FeedApiHighTraffic")), new AlertTriage.Matched(policy, Service(maxInstances: 20)), 5, Now);

        Assert.Equal(3, plan.Count);
        Assert.Equal(3, plan.Wanted);
    }

    [Fact]
    public void Plan_DegradeSettings_CarriedInPlan()
    {
        var spec = Policy("feed-api-traffic").Spec with { Degrade = new Surge.Capacity.AlertPolicies.DegradeSettings(WhileScaling: false, MaxTimeToCapacity: "3m") };

        var plan = ScaleOutPlanner.Plan(SagaId, "alertmanager", Firing(("alertname", "FeedApiHighTraffic")), new AlertTriage.Matched(Policy("feed-api-traffic") with { Spec = spec }, Service()), 0, Now);

        Assert.Equal(new Surge.Capacity.Incidents.DegradeRequest(false, TimeSpan.FromMinutes(3)), plan.Degrade);
    }

    [Fact]
    public void Plan_NoDegradeSettings_NoDegradeRequest()
    {
        Assert.Null(Plan(currentInstances: 0).Degrade);
    }

    [Fact]
    public void Plan_DegradeWithRoutes_RequestCarriesDegradation()
    {
        var spec = Policy("feed-api-traffic").Spec with { Degrade = new Surge.Capacity.AlertPolicies.DegradeSettings(WhileScaling: true) };
        var service = Service() with { Spec = Service().Spec with { Degradation = new Surge.Capacity.ServiceCatalog.DegradationSpec(["/api/recommendations"], "15s") } };

        var plan = ScaleOutPlanner.Plan(SagaId, "alertmanager", Firing(("alertname", "FeedApiHighTraffic")), new AlertTriage.Matched(Policy("feed-api-traffic") with { Spec = spec }, service), 0, Now);

        var degradation = plan.Requested.Degradation;
        Assert.NotNull(degradation);
        Assert.True(degradation.WhileScaling);
        Assert.Equal(TimeSpan.FromSeconds(15), degradation.RetryAfter);
        Assert.Equal([typeof(ScaleOutRequested), typeof(DegradationSwitchOnRequested)], ScaleOutDecider.Begin(plan.Requested).Select(e => e.GetType()));
    }

    [Fact]
    public void Plan_DegradeWithoutRoutes_RequestHasNone()
    {
        var spec = Policy("feed-api-traffic").Spec with { Degrade = new Surge.Capacity.AlertPolicies.DegradeSettings(WhileScaling: true) };

        var plan = ScaleOutPlanner.Plan(SagaId, "alertmanager", Firing(("alertname", "FeedApiHighTraffic")), new AlertTriage.Matched(Policy("feed-api-traffic") with { Spec = spec }, Service()), 0, Now);

        Assert.Null(plan.Requested.Degradation);
    }

    [Fact]
    public void Plan_NoCooldownLaterLastScaleOut_Scales()
    {
        var spec = Policy("feed-api-traffic").Spec with { Cooldown = "0s" };

        var plan = ScaleOutPlanner.Plan(SagaId, "alertmanager", Firing(("alertname", "FeedApiHighTraffic")), new AlertTriage.Matched(Policy("feed-api-traffic") with { Spec = spec }, Service()), 0, Now, Now.AddMilliseconds(40));

        Assert.False(plan.Declined);
        Assert.Null(plan.CooldownUntil);
    }
}
