using Surge.Capacity.Incidents;
using static Surge.Capacity.Tests.Alerts.AlertFixture;

namespace Surge.Capacity.Tests.Incidents;

public sealed class IncidentDeciderTests
{
    [Fact]
    public void Fire_NewAlert_MatchesAndStartsScaleOut()
    {
        var scenario = new IncidentScenario();

        var events = scenario.Fire();

        Assert.Equal([typeof(AlertMatched), typeof(IncidentScaleOutStarted)], events.Select(e => e.GetType()));
        var matched = (AlertMatched)events[0];
        Assert.Equal(3, matched.Wanted);
        Assert.Equal("feed-api-traffic", matched.Policy);
        Assert.Equal(IncidentStatus.Firing, scenario.State!.Status);
        Assert.Equal(3, scenario.State.ScaleOutCount);
        Assert.Equal(matched.IncidentId, scenario.State.IncidentId);
    }

    [Fact]
    public void Fire_NearMaximum_CapsCount()
    {
        var scenario = new IncidentScenario { CurrentInstances = 11 };

        var events = scenario.Fire();

        Assert.Equal([typeof(AlertMatched), typeof(ScaleOutCappedAtMaximum), typeof(IncidentScaleOutStarted)], events.Select(e => e.GetType()));
        var capped = (ScaleOutCappedAtMaximum)events[1];
        Assert.Equal((3, 1, 12), (capped.Wanted, capped.Granted, capped.Maximum));
    }

    [Fact]
    public void Fire_AtMaximum_Declines()
    {
        var scenario = new IncidentScenario { CurrentInstances = 12 };

        var events = scenario.Fire();

        Assert.Equal([typeof(AlertMatched), typeof(ScaleOutCappedAtMaximum)], events.Select(e => e.GetType()));
        Assert.Equal(0, ((ScaleOutCappedAtMaximum)events[1]).Granted);
        Assert.Equal(IncidentStatus.Declined, scenario.State!.Status);
    }

    [Fact]
    public void Fire_InCooldown_RecordsCooldownAndDeclines()
    {
        var scenario = new IncidentScenario();
        scenario.LastScaleOutAt = scenario.Clock.GetUtcNow().AddMinutes(-2);

        var events = scenario.Fire();

        var cooldown = Assert.IsType<ScaleOutInCooldown>(events[^1]);
        Assert.Equal(scenario.Clock.GetUtcNow().AddMinutes(3), cooldown.Until);
        Assert.Equal(IncidentStatus.Declined, scenario.State!.Status);
    }

    [Fact]
    public void Fire_Repeated_IsDuplicateOfTheSameIncident()
    {
        var scenario = new IncidentScenario();
        var first = (AlertMatched)scenario.Fire()[0];
        scenario.Clock.Advance(TimeSpan.FromHours(4));

        var events = scenario.Fire();

        var duplicate = Assert.IsType<DuplicateAlertReceived>(Assert.Single(events));
        Assert.Equal(first.IncidentId, duplicate.IncidentId);
        Assert.Equal(3, scenario.State!.ScaleOutCount);
    }

    [Fact]
    public void Fire_NewStartsAtWhileFiring_IsDuplicate()
    {
        var scenario = new IncidentScenario();
        scenario.Fire();

        // A new start time without a resolve in between means the resolve was missed, not that the alarm is new.
        var events = scenario.Fire(StartsAt.AddMinutes(20));

        Assert.IsType<DuplicateAlertReceived>(Assert.Single(events));
        Assert.Single(scenario.History.OfType<AlertMatched>());
    }

    [Fact]
    public void Resolve_FiringIncident_StartsStabilisationWindow()
    {
        var scenario = new IncidentScenario();
        scenario.Fire();
        scenario.Clock.Advance(TimeSpan.FromMinutes(7));

        var events = scenario.Resolve();

        var resolved = Assert.IsType<AlertResolved>(Assert.Single(events));
        Assert.Equal(scenario.Clock.GetUtcNow() + IncidentScenario.Window, resolved.StabilisedAt);
        Assert.Equal(IncidentStatus.Stabilising, scenario.State!.Status);
        Assert.Equal(resolved.StabilisedAt, scenario.State.DueAt);
    }

    [Fact]
    public void Fire_WithinWindow_RecordsFlap()
    {
        var scenario = new IncidentScenario();
        var incidentId = ((AlertMatched)scenario.Fire()[0]).IncidentId;
        scenario.Resolve();
        scenario.Clock.Advance(TimeSpan.FromMinutes(3));

        var events = scenario.Fire(StartsAt.AddMinutes(9));

        var flap = Assert.IsType<FlapRecorded>(Assert.Single(events));
        Assert.Equal(incidentId, flap.IncidentId);
        Assert.Equal(IncidentStatus.Firing, scenario.State!.Status);
        Assert.Null(scenario.State.DueAt);
        Assert.Equal(1, scenario.State.Flaps);
        Assert.Single(scenario.History.OfType<IncidentScaleOutStarted>());
    }

    [Fact]
    public void LateCopyAfterResolve_IsDuplicate()
    {
        var scenario = new IncidentScenario();
        scenario.Fire();
        scenario.Resolve();
        var dueAt = scenario.State!.DueAt;

        var events = scenario.Fire();

        Assert.IsType<DuplicateAlertReceived>(Assert.Single(events));
        Assert.Equal(IncidentStatus.Stabilising, scenario.State!.Status);
        Assert.Equal(dueAt, scenario.State.DueAt);
        Assert.Equal(0, scenario.State.Flaps);
    }

    [Fact]
    public void ResolveAgain_AfterFlap_StartsAFreshWindow()
    {
        var scenario = new IncidentScenario();
        scenario.Fire();
        scenario.Resolve();
        scenario.Fire(StartsAt.AddMinutes(1));
        scenario.Clock.Advance(TimeSpan.FromMinutes(4));

        scenario.Resolve(StartsAt.AddMinutes(1));

        Assert.Equal(scenario.Clock.GetUtcNow() + IncidentScenario.Window, scenario.State!.DueAt);
    }

    [Fact]
    public void Resolve_Repeated_IsDuplicate()
    {
        var scenario = new IncidentScenario();
        scenario.Fire();
        scenario.Resolve();

        Assert.IsType<DuplicateAlertReceived>(Assert.Single(scenario.Resolve()));
    }

    [Fact]
    public void Resolve_DeclinedIncident_Closes()
    {
        var scenario = new IncidentScenario { CurrentInstances = 12 };
        scenario.Fire();

        var events = scenario.Resolve();

        Assert.Equal([typeof(AlertResolved), typeof(IncidentClosed)], events.Select(e => e.GetType()));
        Assert.Equal(IncidentStatus.Closed, scenario.State!.Status);
        Assert.Null(scenario.State.DueAt);
    }

    [Fact]
    public void Resolve_NoIncident_IsIgnoredWithReason()
    {
        var scenario = new IncidentScenario();

        var ignored = Assert.IsType<AlertIgnored>(Assert.Single(scenario.Resolve()));

        Assert.Contains("no incident of it is open", ignored.Reason);
        Assert.Equal(IncidentStatus.Ignored, scenario.State!.Status);
    }

    [Fact]
    public void Resolve_OfAnEarlierFiring_IsIgnored()
    {
        var scenario = new IncidentScenario();
        scenario.Fire(StartsAt.AddMinutes(30));

        Assert.IsType<AlertIgnored>(Assert.Single(scenario.Resolve(StartsAt)));
        Assert.Equal(IncidentStatus.Firing, scenario.State!.Status);
    }

    [Fact]
    public void Fire_DuringScaleIn_OpensNewIncident()
    {
        var scenario = new IncidentScenario();
        var first = ((AlertMatched)scenario.Fire()[0]).IncidentId;
        scenario.Resolve();
        scenario.Apply([new ScaleInStepStarted(first, Guid.NewGuid(), 1, 5, scenario.Clock.GetUtcNow().AddMinutes(12), scenario.Clock.GetUtcNow().AddMinutes(10))]);
        scenario.LastScaleOutAt = scenario.Clock.GetUtcNow().AddMinutes(-30);

        var events = scenario.Fire(StartsAt.AddHours(1));

        Assert.Equal([typeof(IncidentClosed), typeof(AlertMatched), typeof(IncidentScaleOutStarted)], events.Select(e => e.GetType()));
        Assert.NotEqual(first, scenario.State!.IncidentId);
        Assert.Equal(0, scenario.State.RemovedCount);
    }

    [Fact]
    public void Fire_AfterClose_OpensANewIncident()
    {
        var scenario = new IncidentScenario();
        scenario.Fire();
        scenario.Apply([new IncidentClosed(scenario.State!.IncidentId!.Value, "done", scenario.Clock.GetUtcNow())]);

        var events = scenario.Fire(StartsAt.AddHours(2));

        Assert.IsType<AlertMatched>(events[0]);
        Assert.True(IncidentDecider.OpensIncident(null, new AlertReceived("alertmanager", "p", "feed-api", Firing(("alertname", "x")), TimeSpan.Zero, StartsAt)));
    }

    [Fact]
    public void Matched_RecordsPolicyDegradeRequest()
    {
        var policy = AlertFixtureWithDegrade();
        var scenario = new IncidentScenario { Policy = policy };

        var matched = (AlertMatched)scenario.Fire()[0];

        Assert.Equal(new DegradeRequest(true, null), matched.Degrade);
    }

    private static Surge.Capacity.AlertPolicies.AlertPolicyView AlertFixtureWithDegrade()
    {
        var policy = Policy("feed-api-traffic");
        return policy with { Spec = policy.Spec with { Degrade = new Surge.Capacity.AlertPolicies.DegradeSettings(WhileScaling: true) } };
    }
}
