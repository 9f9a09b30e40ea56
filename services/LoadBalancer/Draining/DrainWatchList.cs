using System.Collections.Concurrent;
using Surge.LoadBalancer.ListingBackends;
using Surge.LoadBalancer.Pools;

namespace Surge.LoadBalancer.Draining;

/// <summary>The pending drains this process waits on, fed by its own commits and by the stored pools.</summary>
public sealed class DrainWatchList
{
    private readonly ConcurrentDictionary<(string Service, Guid SagaId), WatchedDrain> drains = new();

    /// <summary>Returns the drains being watched now.</summary>
    public IReadOnlyList<WatchedDrain> Snapshot() => [.. drains.Values];

    /// <summary>Watches a drain that this process just committed, so its in-flight count may end it before the deadline.</summary>
    public void AddStartedHere(string service, DrainStarted started, string? correlationId, string? causationId) =>
        drains.AddOrUpdate(
            (service, started.SagaId),
            _ => new WatchedDrain(
                service, started.SagaId, [.. started.InstanceIds], started.Until, StartedHere: true,
                correlationId ?? started.SagaId.ToString("N"), causationId),
            (_, watched) => watched.Extend(started));

    /// <summary>
    /// Matches the list to the drains stored in <paramref name="pools"/>: adds the ones it lacks, takes the stored
    /// instances and deadline, and drops drains that another process finished. Drains started here stay until
    /// <see cref="Remove"/>, because the pools may have been read before their start committed.
    /// </summary>
    public void Synchronize(IEnumerable<BackendPoolView> pools)
    {
        var stored = pools
            .SelectMany(pool => pool.Drains.Select(drain => WatchedDrain.FromView(pool.Service, drain)))
            .ToDictionary(drain => (drain.Service, drain.SagaId));

        foreach (var (key, watched) in drains)
        {
            if (!stored.ContainsKey(key) && !watched.StartedHere)
            {
                drains.TryRemove(key, out _);
            }
        }

        foreach (var (key, drain) in stored)
        {
            drains.AddOrUpdate(
                key,
                drain,
                (_, watched) => drain with { StartedHere = watched.StartedHere });
        }
    }

    /// <summary>Stops watching a drain that ended or that the pool no longer holds.</summary>
    public void Remove(string service, Guid sagaId) => drains.TryRemove((service, sagaId), out _);
}
