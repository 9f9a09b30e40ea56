using Marten;

namespace Surge.LoadBalancer.Degradation;

/// <summary>Reads and writes the event stream of one service's degradation switch.</summary>
public static class DegradationStream
{
    private const string Prefix = "degradation/";

    /// <summary>Returns the stream key of the service's switch, <c>degradation/{service}</c>.</summary>
    public static string Key(string service) => Prefix + service;

    /// <summary>Returns whether the stream key names a degradation switch.</summary>
    public static bool IsKey(string streamKey) => streamKey.StartsWith(Prefix, StringComparison.Ordinal);

    /// <summary>Returns the service whose switch the stream key names.</summary>
    public static string ServiceOf(string streamKey) =>
        streamKey.StartsWith(Prefix, StringComparison.Ordinal)
            ? streamKey[Prefix.Length..]
            : throw new ArgumentException($"Stream key '{streamKey}' does not start with '{Prefix}'.", nameof(streamKey));

    /// <summary>Folds the switch's stream and returns it with the stream's version (0 when the stream does not exist).</summary>
    public static async Task<(DegradationSwitch Switch, long Version)> LoadAsync(IDocumentSession session, string service, CancellationToken cancellationToken)
    {
        var events = await session.Events.FetchStreamAsync(Key(service), token: cancellationToken);
        var state = events.Aggregate(DegradationSwitch.Off, (current, stored) => DegradationSwitch.Evolve(current, stored.Data));
        return (state, events.Count == 0 ? 0 : events[^1].Version);
    }

    /// <summary>Appends <paramref name="events"/> expecting version <paramref name="version"/>; a concurrent append fails the commit and the message is retried.</summary>
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
