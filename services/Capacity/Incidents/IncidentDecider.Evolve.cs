namespace Surge.Capacity.Incidents;

/// <summary>Folds an alert's events into its <see cref="IncidentState"/>.</summary>
public static partial class IncidentDecider
{
    /// <summary>Returns the state after <paramref name="e"/>; the stream's first event must be <see cref="AlertMatched"/> or <see cref="AlertIgnored"/>.</summary>
    /// <param name="streamKey">The stream key, for the state a first event creates.</param>
    public static IncidentState? Evolve(IncidentState? state, object e, string streamKey) => (state, e) switch
    {
        (_, AlertMatched matched) => new IncidentState(
            streamKey, IncidentState.AlertIdOf(streamKey), matched.Source, matched.Policy, matched.Service, matched.Fingerprint, matched.AlertName,
            IncidentStatus.Firing, matched.At, matched.IncidentId, matched.StartsAt, matched.At,
            LastDecision: $"Matched policy {matched.Policy}."),
        (null, AlertIgnored ignored) => new IncidentState(
            streamKey, IncidentState.AlertIdOf(streamKey), ignored.Source, ignored.Policy, ignored.Service, ignored.Fingerprint, null,
            IncidentStatus.Ignored, ignored.At, LastDecision: ignored.Reason),
        (null, _) => null,
        (_, AlertIgnored ignored) => state with { UpdatedAt = ignored.At, LastDecision = ignored.Reason },
        (_, IncidentScaleOutStarted started) => state with { ScaleOutCount = started.Count, UpdatedAt = started.At, LastDecision = $"Scale-out of {started.Count} started." },
        (_, ScaleOutCappedAtMaximum capped) => state with
        {
            Status = capped.Granted == 0 ? IncidentStatus.Declined : state.Status,
            UpdatedAt = capped.At,
            LastDecision = $"Capped at the maximum of {capped.Maximum}: {capped.Granted} of {capped.Wanted} instances.",
        },
        (_, ScaleOutInCooldown cooldown) => state with { Status = IncidentStatus.Declined, UpdatedAt = cooldown.At, LastDecision = $"In cooldown until {cooldown.Until:u}." },
        (_, DuplicateAlertReceived duplicate) => state with { UpdatedAt = duplicate.At, LastDecision = $"Duplicate {duplicate.Status} notification." },
        (_, AlertResolved resolved) => state with
        {
            Status = IncidentStatus.Stabilising,
            ResolvedAt = resolved.At,
            DueAt = resolved.StabilisedAt,
            UpdatedAt = resolved.At,
            LastDecision = $"Resolved; scale-in after {resolved.StabilisedAt:u} unless it fires again.",
        },
        (_, FlapRecorded flap) => state with
        {
            Status = IncidentStatus.Firing,
            ResolvedAt = null,
            DueAt = null,
            Flaps = state.Flaps + 1,
            StartsAt = flap.StartsAt,
            UpdatedAt = flap.At,
            LastDecision = "Fired again within the stabilisation window: a flap.",
        },
        (_, ScaleInStepStarted step) => state with
        {
            Status = IncidentStatus.ScalingIn,
            DueAt = step.NextStepAt,
            RemovedCount = state.RemovedCount + step.Count,
            ScaleInSagaIds = [.. state.ScaleIns, step.ScaleInSagaId],
            UpdatedAt = step.At,
            LastDecision = $"Scale-in step of {step.Count} started.",
        },
        (_, ScaleInStepPostponed postponed) => state with { DueAt = postponed.NextStepAt, UpdatedAt = postponed.At, LastDecision = postponed.Reason },
        (_, IncidentClosed closed) => state with { Status = IncidentStatus.Closed, DueAt = null, UpdatedAt = closed.At, LastDecision = closed.Reason },
        _ => state,
    };
}
