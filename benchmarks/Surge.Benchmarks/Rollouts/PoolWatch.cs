namespace Surge.Benchmarks.Rollouts;

/// <summary>The backend pool and its stream, read before a strategy runs, to compare with after.</summary>
public sealed class PoolWatch
{
    private readonly RolloutApi api;
    private readonly string service;
    private readonly IReadOnlyList<PoolMember> members;
    private readonly IReadOnlyList<string> events;

    private PoolWatch(RolloutApi api, string service, IReadOnlyList<PoolMember> members, IReadOnlyList<string> events)
    {
        this.api = api;
        this.service = service;
        this.members = members;
        this.events = events;
    }

    /// <summary>Reads the pool and its stream as they are now.</summary>
    public static async Task<PoolWatch> StartAsync(RolloutApi api, string service) =>
        new(api, service, await api.GetBackendsAsync(service), await api.GetPoolEventTypesAsync(service));

    /// <summary>Reads the pool and its stream again and returns the changes, with the backends now in the pool.</summary>
    public async Task<(PoolChanges Changes, IReadOnlyList<PoolMember> Members)> StopAsync()
    {
        var after = await api.GetBackendsAsync(service);
        var eventsAfter = await api.GetPoolEventTypesAsync(service);
        return (PoolChanges.Between(members, after, events, eventsAfter), after);
    }
}
