namespace Surge.Capacity.Incidents;

/// <summary>A firing alert opened an incident under a policy; <paramref name="Degrade"/> is what its scale-out requests from the load balancer.</summary>
/// <param name="IncidentId">The incident's id, which is also the id of the scale-out saga it starts or declines.</param>
/// <param name="CurrentInstances">The instances the service had, plus those other sagas had requested, when the alert matched.</param>
/// <param name="Wanted">The instances the policy's action requests at that count.</param>
/// <param name="Maximum">The instance count the service may reach: the lower of the policy's and the service's maximum.</param>
public sealed record AlertMatched(
    Guid IncidentId,
    string Source,
    string Policy,
    string Service,
    string Fingerprint,
    string? AlertName,
    DateTimeOffset StartsAt,
    int CurrentInstances,
    int Wanted,
    int Maximum,
    DegradeRequest? Degrade,
    DateTimeOffset At);

/// <summary>An alert needed no action, with the reason; no incident changed.</summary>
public sealed record AlertIgnored(string Source, string? Policy, string Service, string Fingerprint, DateTimeOffset StartsAt, string Status, string Reason, DateTimeOffset At);

/// <summary>The incident's scale-out saga started with <paramref name="Count"/> instances.</summary>
public sealed record IncidentScaleOutStarted(Guid IncidentId, int Count, DateTimeOffset At);

/// <summary>The policy's action asked for more than the maximum allows; <paramref name="Granted"/> is what fits, zero when nothing does.</summary>
public sealed record ScaleOutCappedAtMaximum(Guid IncidentId, int Wanted, int Granted, int CurrentInstances, int Maximum, DateTimeOffset At);

/// <summary>The policy was in its cooldown, so the incident's scale-out was declined.</summary>
public sealed record ScaleOutInCooldown(Guid IncidentId, string Cooldown, DateTimeOffset LastScaleOutAt, DateTimeOffset Until, DateTimeOffset At);

/// <summary>Another notification of the open incident arrived: a repeat, a retry or the other peer of a pair; nothing new started.</summary>
public sealed record DuplicateAlertReceived(Guid IncidentId, string Status, DateTimeOffset StartsAt, DateTimeOffset At);

/// <summary>The incident's alert resolved; if it stays resolved until <paramref name="StabilisedAt"/>, scale-in begins.</summary>
public sealed record AlertResolved(Guid IncidentId, DateTimeOffset StabilisedAt, DateTimeOffset At);

/// <summary>The alert fired again within the stabilisation window: no scale-in, no second scale-out; the incident is firing again.</summary>
/// <param name="ResolvedAt">When the alert had resolved.</param>
/// <param name="StartsAt">The start time the new firing carries.</param>
public sealed record FlapRecorded(Guid IncidentId, DateTimeOffset ResolvedAt, DateTimeOffset StartsAt, DateTimeOffset At);

/// <summary>One scale-in step started a scale-in saga of <paramref name="Count"/> instances; the next step is due at <paramref name="NextStepAt"/>.</summary>
/// <param name="InstancesBefore">The service's instances when the step started.</param>
public sealed record ScaleInStepStarted(Guid IncidentId, Guid ScaleInSagaId, int Count, int InstancesBefore, DateTimeOffset NextStepAt, DateTimeOffset At);

/// <summary>A scale-in step could not start now, with the reason; it is tried again at <paramref name="NextStepAt"/>.</summary>
public sealed record ScaleInStepPostponed(Guid IncidentId, string Reason, DateTimeOffset NextStepAt, DateTimeOffset At);

/// <summary>The incident ended; a later firing of the alert opens a new one.</summary>
public sealed record IncidentClosed(Guid IncidentId, string Reason, DateTimeOffset At);
