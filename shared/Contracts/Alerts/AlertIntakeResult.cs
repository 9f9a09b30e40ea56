namespace Surge.Contracts.Alerts;

/// <summary>What Capacity did with each alert of a notification.</summary>
public sealed record AlertIntakeResult(IReadOnlyList<AlertOutcome> Outcomes);

/// <summary>The decision for one alert.</summary>
/// <param name="Fingerprint">The alert's fingerprint.</param>
/// <param name="Outcome">One of the <see cref="AlertOutcomes"/> values.</param>
/// <param name="SagaId">The scale-out saga the alert started, or the one that already handles its incident.</param>
/// <param name="Detail">A sentence that explains the decision.</param>
public sealed record AlertOutcome(string Fingerprint, string Outcome, Guid? SagaId, string Detail);

/// <summary>The decisions Capacity can take for an alert.</summary>
public static class AlertOutcomes
{
    /// <summary>A scale-out saga started.</summary>
    public const string Started = "started";

    /// <summary>The incident already has a saga or a recorded decision; nothing new started.</summary>
    public const string Duplicate = "duplicate";

    /// <summary>The alert needs no action, such as a resolved alert or one no policy selects.</summary>
    public const string Ignored = "ignored";

    /// <summary>A policy matched but its limits forbid scaling, such as a service already at its maximum or a policy in its cooldown.</summary>
    public const string Declined = "declined";

    /// <summary>The alert resolved: its incident waits for the stabilisation window before scale-in, or closed when it added nothing.</summary>
    public const string Resolved = "resolved";

    /// <summary>The alert fired again within the stabilisation window after it resolved: recorded, with no scale-in and no second scale-out.</summary>
    public const string Flap = "flap";

    /// <summary>
    /// The alert cannot be processed, such as one for an undeclared service, while other alerts of the same notification
    /// could. A notification whose alerts are all rejected gets a 400 instead.
    /// </summary>
    public const string Rejected = "rejected";
}
