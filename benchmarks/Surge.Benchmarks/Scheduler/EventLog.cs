using Surge.Capacity.Scheduling;

namespace Surge.Benchmarks.Scheduler;

/// <summary>One event of a stream at its version, as the capacity model is fed.</summary>
public sealed record StreamEvent(string StreamKey, long Version, object Data);

/// <summary>The events that built the fleet, in order, numbered per stream from 1; both schedulers are built from them.</summary>
public sealed class EventLog
{
    private readonly Dictionary<string, long> versions = new(StringComparer.Ordinal);

    /// <summary>The events in the order they were appended.</summary>
    public List<StreamEvent> Events { get; } = [];

    /// <summary>Appends an event at the stream's next version and applies it to <paramref name="model"/>.</summary>
    public void Append(CapacityModel model, string streamKey, object data)
    {
        var version = versions.GetValueOrDefault(streamKey) + 1;
        versions[streamKey] = version;
        var entry = new StreamEvent(streamKey, version, data);
        Events.Add(entry);
        Apply(model, entry);
    }

    /// <summary>Applies every event to <paramref name="model"/> in order.</summary>
    public void Replay(CapacityModel model)
    {
        foreach (var entry in Events)
        {
            Apply(model, entry);
        }
    }

    /// <summary>Applies one event and throws unless the model applied it, so a numbering mistake cannot go unnoticed.</summary>
    public static void Apply(CapacityModel model, StreamEvent entry)
    {
        var result = model.Apply(entry.StreamKey, entry.Version, entry.Data);
        if (result != ModelApplyResult.Applied)
        {
            throw new InvalidOperationException($"The capacity model returned {result} for {entry.Data.GetType().Name} at version {entry.Version} of {entry.StreamKey}.");
        }
    }
}
