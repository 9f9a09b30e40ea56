namespace Surge.Capacity.Incidents;

/// <summary>
/// One alert under one policy, folded from its stream: its latest incident and what the timer has to do next. An
/// incident runs from the firing that opens it to its close; a later firing opens the next one on the same stream.
/// </summary>
/// <param name="Id">The stream key.</param>
/// <param name="AlertId">The id of the alert under its policy, from <see cref="Alerts.IncidentKey.AlertId"/>.</param>
/// <param name="Policy">The policy that selects the alert; null for an alert no policy selects.</param>
/// <param name="IncidentId">The latest incident, which is also the id of its scale-out saga; null while none was opened.</param>
/// <param name="StartsAt">The start time the latest firing carried.</param>
/// <param name="ScaleOutCount">The instances the incident's scale-out requested; zero when it was declined.</param>
/// <param name="ResolvedAt">When the incident's alert resolved; null while it fires.</param>
/// <param name="DueAt">When the timer acts next: the end of the stabilisation window, or the next scale-in step.</param>
/// <param name="RemovedCount">The instances the incident's scale-in steps asked to remove so far.</param>
/// <param name="Flaps">How often the incident's alert fired again within its stabilisation window.</param>
/// <param name="CorrelationId">The correlation id of the notification that opened the incident; the timer's work carries it.</param>
public sealed record IncidentState(
    string Id,
    Guid AlertId,
    string Source,
    string? Policy,
    string Service,
    string Fingerprint,
    string? AlertName,
    IncidentStatus Status,
    DateTimeOffset UpdatedAt,
    Guid? IncidentId = null,
    DateTimeOffset? StartsAt = null,
    DateTimeOffset? OpenedAt = null,
    int ScaleOutCount = 0,
    DateTimeOffset? ResolvedAt = null,
    DateTimeOffset? DueAt = null,
    int RemovedCount = 0,
    IReadOnlyList<Guid>? ScaleInSagaIds = null,
    int Flaps = 0,
    string? LastDecision = null,
    string? CorrelationId = null)
{
    private const string StreamPrefix = "alert/";

    /// <summary>The stream key of an alert's incidents.</summary>
    public static string StreamKey(Guid alertId) => $"{StreamPrefix}{alertId}";

    /// <summary>Returns the alert id a stream key names.</summary>
    public static Guid AlertIdOf(string streamKey) => Guid.Parse(streamKey.AsSpan(StreamPrefix.Length));

    /// <summary>Whether an incident is open: firing, declined, stabilising or scaling in.</summary>
    public bool IsOpen => Status is IncidentStatus.Firing or IncidentStatus.Declined or IncidentStatus.Stabilising or IncidentStatus.ScalingIn;

    /// <summary>The scale-in sagas the incident's steps started, oldest first.</summary>
    public IReadOnlyList<Guid> ScaleIns => ScaleInSagaIds ?? [];
}
