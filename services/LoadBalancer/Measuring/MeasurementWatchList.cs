using System.Collections.Concurrent;

namespace Surge.LoadBalancer.Measuring;

/// <summary>The measurements this process replies to when their window ends, fed by its own commits and by the store.</summary>
public sealed class MeasurementWatchList
{
    private readonly ConcurrentDictionary<Guid, PendingMeasurement> measurements = new();

    /// <summary>Returns the measurements being watched now.</summary>
    public IReadOnlyList<PendingMeasurement> Snapshot() => [.. measurements.Values];

    /// <summary>Watches a measurement, unless it is watched already.</summary>
    public void Add(PendingMeasurement measurement) => measurements.TryAdd(measurement.Id, measurement);

    /// <summary>Stops watching a measurement whose reply went out.</summary>
    public void Remove(Guid id) => measurements.TryRemove(id, out _);
}
