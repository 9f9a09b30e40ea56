namespace Surge.Simulators.KubernetesApi.Store;

/// <summary>
/// The one resource version counter of the simulated cluster and the window of recent events that watches can start
/// from. Not thread-safe: <see cref="ClusterStore"/> calls it under its lock.
/// </summary>
public sealed class ResourceHistory(int limit)
{
    private readonly Queue<WatchEvent> events = new();

    /// <summary>The resource version of the latest change, 0 before the first.</summary>
    public long Current { get; private set; }

    /// <summary>The resource version of the newest event dropped from the window, 0 while none was.</summary>
    public long CompactedThrough { get; private set; }

    /// <summary>Watches from a resource version below this one get 410 even when the window still contains their events.</summary>
    public long ExpiredBefore { get; private set; }

    /// <summary>The oldest resource version a watch can start from.</summary>
    public long Oldest => Math.Max(CompactedThrough, ExpiredBefore);

    /// <summary>Takes the next resource version for a change.</summary>
    public long Next() => ++Current;

    /// <summary>Keeps <paramref name="change"/> in the window and drops the oldest events beyond the limit.</summary>
    public void Record(WatchEvent change)
    {
        events.Enqueue(change);
        while (events.Count > limit)
        {
            CompactedThrough = events.Dequeue().ResourceVersion;
        }
    }

    /// <summary>Makes watches from resource versions below <paramref name="resourceVersion"/> get 410.</summary>
    public void ExpireBefore(long resourceVersion) => ExpiredBefore = Math.Max(ExpiredBefore, resourceVersion);

    /// <summary>Decides where a watch from <paramref name="resourceVersion"/> starts.</summary>
    public WatchStart Start(long resourceVersion) =>
        resourceVersion < Oldest
            ? new WatchStart.TooOld(resourceVersion, Oldest)
            : new WatchStart.Replay([.. events.Where(change => change.ResourceVersion > resourceVersion)]);
}
