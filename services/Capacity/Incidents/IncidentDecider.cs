using Surge.Capacity.Alerts;

namespace Surge.Capacity.Incidents;

/// <summary>
/// Decides what a matched alert does to its incident. Pure: the state, the alert and, for a firing that opens an
/// incident, the scale-out plan in; the events out.
/// </summary>
public static partial class IncidentDecider
{
    /// <summary>Whether the alert opens a new incident, so the caller must plan its scale-out before deciding.</summary>
    public static bool OpensIncident(IncidentState? state, AlertReceived received) =>
        received.Firing && (state is null || !state.IsOpen || (state.Status == IncidentStatus.ScalingIn && !IsLateCopy(state, received)));

    // A sender repeats a firing it sent before the resolve, for example Alertmanager's other peer or a retry. It carries
    // the start of the firing that resolved, while a real return of the alert starts later.
    private static bool IsLateCopy(IncidentState state, AlertReceived received) =>
        state.Status is IncidentStatus.Stabilising or IncidentStatus.ScalingIn && received.Alert.StartsAt <= state.StartsAt;

    /// <summary>Returns the events the alert appends; <paramref name="plan"/> is required when <see cref="OpensIncident"/> is true.</summary>
    public static IReadOnlyList<object> Decide(IncidentState? state, AlertReceived received, ScaleOutPlan? plan) =>
        received.Firing ? DecideFiring(state, received, plan) : DecideResolved(state, received);

    private static IReadOnlyList<object> DecideFiring(IncidentState? state, AlertReceived received, ScaleOutPlan? plan)
    {
        var now = received.Now;
        if (state is not null && IsLateCopy(state, received))
        {
            return [new DuplicateAlertReceived(state.IncidentId!.Value, received.Alert.Status, received.Alert.StartsAt, now)];
        }

        switch (state?.Status)
        {
            case IncidentStatus.Firing or IncidentStatus.Declined:
                return [new DuplicateAlertReceived(state.IncidentId!.Value, received.Alert.Status, received.Alert.StartsAt, now)];
            case IncidentStatus.Stabilising:
                return [new FlapRecorded(state.IncidentId!.Value, state.ResolvedAt!.Value, received.Alert.StartsAt, now)];
            case IncidentStatus.ScalingIn:
                // Past the window the alert's return is a new incident: the instances removed so far are gone, so
                // the policy may add again, within its cooldown and maximum.
                IncidentClosed closed = new(state.IncidentId!.Value, "The alert fired again after its stabilisation window, during scale-in; a new incident opens.", now);
                return [closed, .. Open(received, plan)];
            default:
                return Open(received, plan);
        }
    }

    private static IReadOnlyList<object> Open(AlertReceived received, ScaleOutPlan? plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var alert = received.Alert;
        var incidentId = plan.Requested.SagaId;
        alert.Labels.TryGetValue("alertname", out var alertName);
        var events = new List<object>
        {
            new AlertMatched(incidentId, received.Source, received.Policy, received.Service, alert.Fingerprint, alertName, alert.StartsAt,
                plan.CurrentInstances, plan.Wanted, plan.Maximum, plan.Degrade, received.Now),
        };

        if (plan.CooldownUntil is { } until)
        {
            events.Add(new ScaleOutInCooldown(incidentId, CooldownText(plan), plan.LastScaleOutAt!.Value, until, received.Now));
            return events;
        }

        if (plan.Count < plan.Wanted)
        {
            events.Add(new ScaleOutCappedAtMaximum(incidentId, plan.Wanted, plan.Count, plan.CurrentInstances, plan.Maximum, received.Now));
        }

        if (!plan.Declined)
        {
            events.Add(new IncidentScaleOutStarted(incidentId, plan.Count, received.Now));
        }

        return events;
    }

    private static IReadOnlyList<object> DecideResolved(IncidentState? state, AlertReceived received)
    {
        var now = received.Now;
        if (state is null || !state.IsOpen)
        {
            return [Ignored(received, "The alert resolved, but no incident of it is open; nothing to scale in.")];
        }

        if (received.Alert.StartsAt < state.StartsAt)
        {
            return [Ignored(received, $"The resolve is for an earlier firing (started {received.Alert.StartsAt:u}) than the open incident's ({state.StartsAt:u}); nothing changes.")];
        }

        var incidentId = state.IncidentId!.Value;
        return state.Status switch
        {
            IncidentStatus.Stabilising or IncidentStatus.ScalingIn => [new DuplicateAlertReceived(incidentId, received.Alert.Status, received.Alert.StartsAt, now)],
            _ when state.ScaleOutCount == 0 =>
            [
                new AlertResolved(incidentId, now, now),
                new IncidentClosed(incidentId, "The alert resolved and its incident added no instances, so there is nothing to scale in.", now),
            ],
            _ => [new AlertResolved(incidentId, now + received.StabilisationWindow, now)],
        };
    }

    private static AlertIgnored Ignored(AlertReceived received, string reason) =>
        new(received.Source, received.Policy, received.Service, received.Alert.Fingerprint, received.Alert.StartsAt, received.Alert.Status, reason, received.Now);

    private static string CooldownText(ScaleOutPlan plan) => (plan.CooldownUntil!.Value - plan.LastScaleOutAt!.Value).ToString("c");
}
