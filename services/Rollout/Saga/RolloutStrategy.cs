namespace Surge.Rollout.Saga;

/// <summary>How a rollout replaces the instances of a batch.</summary>
/// <remarks>Stored by name, so the audit trail reads <c>InPlace</c> rather than a number; numbers stored earlier still read.</remarks>
[System.Text.Json.Serialization.JsonConverter(typeof(System.Text.Json.Serialization.JsonStringEnumConverter<RolloutStrategy>))]
public enum RolloutStrategy
{
    /// <summary>Update in place without touching weights; requests in flight to a restarting instance may fail.</summary>
    InPlace,

    /// <summary>Drain the batch at the load balancer first, update in place, then restore its weight; no request is lost.</summary>
    DrainedInPlace,

    /// <summary>
    /// Start new instances of the new image through a scale-out, then remove the batch's old ones through a scale-in:
    /// new addresses and backends, for changes that cannot be made in place.
    /// </summary>
    Recreate,
}
