using Marten;

namespace Surge.LoadBalancer.Pools;

/// <summary>Reads and writes the event stream of one service's backend pool.</summary>
public static class BackendPoolStream
{
    private const string Prefix = "backend-pool/";

    /// <summary>Returns the stream key of the service's pool, <c>backend-pool/{service}</c>.</summary>
    public static string Key(string service) => Prefix + service;

    /// <summary>Returns whether the stream key names a backend pool.</summary>
    public static bool IsKey(string streamKey) => streamKey.StartsWith(Prefix, StringComparison.Ordinal);

    /// <summary>Returns the service whose pool the stream key names.</summary>
    public static string ServiceOf(string streamKey) =>
        streamKey.StartsWith(Prefix, StringComparison.Ordinal)
            ? streamKey[Prefix.Length..]
            : throw new ArgumentException($"Stream key '{streamKey}' does not start with '{Prefix}'.", nameof(streamKey));

    /// <summary>Folds the pool's stream into its state and returns it with the stream's version (0 when the stream does not exist).</summary>
    public static async Task<(BackendPool Pool, long Version)> LoadAsync(IDocumentSession session, string service, CancellationToken cancellationToken)
    {
        var events = await session.Events.FetchStreamAsync(Key(service), token: cancellationToken);
        var pool = events.Aggregate(BackendPool.Empty, (state, stored) => BackendPool.Evolve(state, stored.Data));
        var version = events.Count == 0 ? 0 : events[^1].Version;
        return (pool, version);
    }

    /// <summary>
    /// Appends <paramref name="events"/> expecting the stream to be at <paramref name="version"/>. When another process
    /// appended first, the commit fails with a concurrency error and the endpoint's retry policy redelivers the message.
    /// </summary>
    public static void Append(IDocumentSession session, string service, long version, IReadOnlyList<object> events)
    {
        if (events.Count == 0)
        {
            return;
        }

        if (version == 0)
        {
            session.Events.StartStream(Key(service), events.ToArray());
        }
        else
        {
            session.Events.Append(Key(service), version + events.Count, events.ToArray());
        }
    }
}
