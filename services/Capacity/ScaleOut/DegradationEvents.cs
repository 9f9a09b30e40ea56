namespace Surge.Capacity.ScaleOut;

/// <summary>The saga asked the load balancer to switch degradation of its service on.</summary>
public sealed record DegradationSwitchOnRequested(string Reason, DateTimeOffset At);

/// <summary>The saga asked the load balancer to switch its degradation off: its new instances serve traffic, or it is undoing its steps.</summary>
public sealed record DegradationSwitchOffRequested(string Reason, DateTimeOffset At);

/// <summary>The load balancer confirmed that the saga holds degradation on, or that it no longer does.</summary>
public sealed record DegradationSwitchConfirmed(bool On, DateTimeOffset At);

/// <summary>A reply reported that the saga still held degradation on after it had requested "off", so "off" is sent again.</summary>
public sealed record LateDegradationReported(DateTimeOffset At);

/// <summary>Where a saga's degradation stands.</summary>
/// <param name="Reason">Why the saga switched it on.</param>
/// <param name="OnRequestedAt">When the saga asked to switch on.</param>
/// <param name="OnConfirmedAt">When the load balancer confirmed "on"; null until then, and when the "on" was ignored.</param>
/// <param name="OffRequestedAt">When the saga asked to switch off; null while it wants degradation on.</param>
/// <param name="OffConfirmedAt">When the load balancer confirmed "off".</param>
/// <param name="LateReported">Whether "off" was sent again after a late reply.</param>
public sealed record SagaDegradation(
    string Reason,
    DateTimeOffset OnRequestedAt,
    DateTimeOffset? OnConfirmedAt = null,
    DateTimeOffset? OffRequestedAt = null,
    DateTimeOffset? OffConfirmedAt = null,
    bool LateReported = false)
{
    /// <summary>Whether the saga wants degradation on: it asked to switch on and not yet to switch off.</summary>
    public bool Holding => OffRequestedAt is null;
}
