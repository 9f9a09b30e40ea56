namespace Surge.Capacity.Incidents;

/// <summary>The state of an alert's latest incident, written by name as saga statuses are.</summary>
[System.Text.Json.Serialization.JsonConverter(typeof(System.Text.Json.Serialization.JsonStringEnumConverter<IncidentStatus>))]
public enum IncidentStatus
{
    /// <summary>The alert's notifications were ignored; no incident is open.</summary>
    Ignored,

    /// <summary>The alert fires and its scale-out started.</summary>
    Firing,

    /// <summary>The alert fires but its scale-out was declined (cooldown, or the service at its maximum).</summary>
    Declined,

    /// <summary>The alert resolved; scale-in waits for the stabilisation window.</summary>
    Stabilising,

    /// <summary>The window passed; the instances the incident added are removed step by step.</summary>
    ScalingIn,

    /// <summary>The incident ended.</summary>
    Closed,
}
