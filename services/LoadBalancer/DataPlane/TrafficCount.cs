namespace Surge.LoadBalancer.DataPlane;

/// <summary>How many requests the data plane sent to some backends, and how many of them failed.</summary>
public readonly record struct TrafficCount(long Requests, long Failed)
{
    /// <summary>No requests.</summary>
    public static TrafficCount None => default;

    /// <summary>Returns the requests counted since <paramref name="earlier"/>, a reading of the same counters.</summary>
    public TrafficCount Since(TrafficCount earlier) => new(Requests - earlier.Requests, Failed - earlier.Failed);
}
