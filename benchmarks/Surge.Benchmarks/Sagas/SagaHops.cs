namespace Surge.Benchmarks.Sagas;

/// <summary>
/// The saga's path through the services, from the events every service records with the saga's correlation id. Each
/// hop runs from the save that records one event to the save that records the next one on the path, in whichever
/// service it runs. The hops split each saga step into the part before and after a participant. All services run on one
/// machine, so their clocks agree.
/// </summary>
public static class SagaHops
{
    /// <summary>The events on the path, in order, as service and event type.</summary>
    public static readonly IReadOnlyList<(string Service, string Type)> Path =
    [
        ("capacity", "ScaleOutRequested"),
        ("capacity", "InstancesPlaced"),
        ("ipam", "AddressAllocated"),
        ("capacity", "AddressesAssigned"),
        ("provisioner", "InstanceRequested"),
        ("provisioner", "InstanceStarted"),
        ("capacity", "InstanceReady"),
        ("loadbalancer", "BackendAdded"),
        ("capacity", "BackendsAdded"),
    ];

    /// <summary>The hop names, in path order.</summary>
    public static IEnumerable<string> Names => Path.Zip(Path.Skip(1), Name);

    /// <summary>Returns each hop's duration in milliseconds, or null when an event on the path is missing.</summary>
    public static IReadOnlyDictionary<string, double>? Measure(IReadOnlyList<TimedEvent> timeline)
    {
        var last = timeline
            .GroupBy(e => (e.Service, e.Type))
            .ToDictionary(group => group.Key, group => group.Max(e => e.Timestamp));
        if (!Path.All(last.ContainsKey))
        {
            return null;
        }

        return Path.Zip(Path.Skip(1)).ToDictionary(hop => Name(hop.First, hop.Second), hop => (last[hop.Second] - last[hop.First]).TotalMilliseconds);
    }

    private static string Name((string Service, string Type) from, (string Service, string Type) to) =>
        $"{from.Service}:{from.Type} → {to.Service}:{to.Type}";
}
