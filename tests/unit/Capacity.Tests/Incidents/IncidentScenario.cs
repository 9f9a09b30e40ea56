using Microsoft.Extensions.Time.Testing;
using Surge.Capacity.AlertPolicies;
using Surge.Capacity.Alerts;
using Surge.Capacity.Incidents;
using Surge.Contracts.Alerts;
using static Surge.Capacity.Tests.Alerts.AlertFixture;

namespace Surge.Capacity.Tests.Incidents;

/// <summary>Feeds alerts to the incident decider one after another on a fake clock, as the intake does.</summary>
internal sealed class IncidentScenario
{
    public const string Source = "alertmanager";
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(10);

    private readonly List<object> history = [];

    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));

    public AlertPolicyView Policy { get; init; } = Surge.Capacity.Tests.Alerts.AlertFixture.Policy("feed-api-traffic");

    public int CurrentInstances { get; set; } = 2;

    public DateTimeOffset? LastScaleOutAt { get; set; }

    public IncidentState? State { get; private set; }

    public IReadOnlyList<object> History => history;

    public string StreamKey => IncidentState.StreamKey(IncidentKey.AlertId(Source, Policy.Name, "fbab788ec4c1018b"));

    public IReadOnlyList<object> Fire(DateTimeOffset? startsAt = null) => Receive(AlertAt("firing", startsAt ?? StartsAt));

    public IReadOnlyList<object> Resolve(DateTimeOffset? startsAt = null) => Receive(AlertAt("resolved", startsAt ?? StartsAt));

    public IReadOnlyList<object> Receive(Alert alert)
    {
        var now = Clock.GetUtcNow();
        var received = new AlertReceived(Source, Policy.Name, "feed-api", alert, Window, now);
        ScaleOutPlan? plan = null;
        if (IncidentDecider.OpensIncident(State, received))
        {
            var sagaId = IncidentKey.SagaId(Source, Policy.Name, alert.Fingerprint, alert.StartsAt);
            plan = ScaleOutPlanner.Plan(sagaId, Source, alert, new AlertTriage.Matched(Policy, Service()), CurrentInstances, now, LastScaleOutAt);
        }

        var events = IncidentDecider.Decide(State, received, plan);
        Apply(events);
        return events;
    }

    public void Apply(IEnumerable<object> events)
    {
        foreach (var e in events)
        {
            State = IncidentDecider.Evolve(State, e, StreamKey);
            history.Add(e);
        }
    }

    private static Alert AlertAt(string status, DateTimeOffset startsAt) =>
        Alert(status, ("alertname", "FeedApiHighTraffic"), ("service", "feed-api")) with { StartsAt = startsAt };
}
