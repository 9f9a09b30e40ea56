namespace Surge.Benchmarks.Sagas;

/// <summary>
/// The steps of a scale-out saga, each the time between two events of the saga's own stream. Marten 9 (quick append)
/// stamps an event with the service's clock while the session saves, just before the transaction that appends it
/// opens. A step therefore runs from the save that records one event to the save that records the next.
/// </summary>
public static class SagaSteps
{
    /// <summary>The step names, in saga order, with the events that open and close them.</summary>
    public static readonly IReadOnlyList<(string Name, string From, string To)> Definitions =
    [
        ("placement", "ScaleOutRequested", "InstancesPlaced"),
        ("addresses", "InstancesPlaced", "AddressesAssigned"),
        ("instances", "AddressesAssigned", "InstanceReady"),
        ("backends", "InstanceReady", "BackendsAdded"),
        ("completion", "BackendsAdded", "ScaleOutCompleted"),
        ("whole saga", "ScaleOutRequested", "ScaleOutCompleted"),
    ];

    /// <summary>
    /// Returns each step's duration in milliseconds for one saga's events, or null when the saga did not complete. With
    /// several instances, a step uses the last event of each type, so <c>instances</c> ends when the last one is ready.
    /// </summary>
    public static IReadOnlyDictionary<string, double>? Measure(IReadOnlyList<TimedEvent> events)
    {
        var last = events.GroupBy(e => e.Type).ToDictionary(group => group.Key, group => group.Max(e => e.Timestamp));
        if (!last.ContainsKey("ScaleOutCompleted"))
        {
            return null;
        }

        return Definitions.ToDictionary(step => step.Name, step => (last[step.To] - last[step.From]).TotalMilliseconds);
    }
}
