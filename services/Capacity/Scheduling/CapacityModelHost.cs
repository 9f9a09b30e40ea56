using JasperFx.Events;
using Marten;
using Marten.Events;

namespace Surge.Capacity.Scheduling;

/// <summary>
/// Owns the process's <see cref="CapacityModel"/> and keeps it in step with the event store: before each use it reads
/// the events recorded since the last one it applied. Uses take turns, so the model is never read while it changes.
/// </summary>
/// <remarks>
/// Events are read in sequence order, but a transaction can commit an event with a lower sequence number after a
/// higher one was read. Such an event is never read by sequence again; the model notices the missing version at the
/// stream's next event and reloads that stream, placement checks each chosen node's version before it writes, and a
/// periodic comparison with the stream versions reloads any stream that fell behind.
/// </remarks>
public sealed partial class CapacityModelHost(IDocumentStore store, ILogger<CapacityModelHost> logger)
{
    private const int Batch = 5_000;
    private static readonly string[] ModelStreams = ["node/", "pool/", "service/", "subnet/"];

    // Only these events change the model; reading by type skips the saga events, most of the store during bursts.
    private static readonly Type[] ModelEventTypes =
    [
        typeof(Pools.PoolSpecified), typeof(ServiceCatalog.ServiceSpecified), typeof(Addresses.SubnetAddressesRecorded),
        typeof(Nodes.NodeSpecified), typeof(Nodes.NodeResourcesReserved), typeof(Nodes.ReservationCommitted),
        typeof(Nodes.ReservationReleased), typeof(Nodes.ReservationExpired), typeof(Nodes.ReservationReleaseStarted),
        typeof(Nodes.ReservationReleaseCancelled), typeof(Nodes.NodeReleaseStarted), typeof(Nodes.NodeRemoved),
    ];
    private readonly CapacityModel model = new();
    private readonly SemaphoreSlim gate = new(1, 1);
    private long applied;

    /// <summary>Brings the model up to date and runs <paramref name="use"/> on it, alone.</summary>
    /// <param name="session">The session to read new events with; null opens one. A consumer passes its own, saving a connection.</param>
    public async Task<T> UseAsync<T>(Func<CapacityModel, T> use, CancellationToken cancellationToken, IQuerySession? session = null)
    {
        await gate.WaitAsync(cancellationToken);
        try
        {
            if (session is null)
            {
                await using var own = store.QuerySession();
                await CatchUpAsync(own, cancellationToken);
            }
            else
            {
                await CatchUpAsync(session, cancellationToken);
            }

            return use(model);
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>Brings the model up to date, then reloads every model stream whose version in the store differs from the model's.</summary>
    public async Task ReconcileAsync(CancellationToken cancellationToken)
    {
        await gate.WaitAsync(cancellationToken);
        try
        {
            await using var session = store.QuerySession();
            await CatchUpAsync(session, cancellationToken);
            var stale = await StaleStreamsAsync(cancellationToken);
            foreach (var key in stale)
            {
                await ReloadAsync(session, key, cancellationToken);
            }

            if (stale.Count > 0)
            {
                LogReconciled(logger, stale.Count);
            }
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>Reloads the given streams from the store, for example after a write found the model behind.</summary>
    public async Task ReloadAsync(IEnumerable<string> streamKeys, CancellationToken cancellationToken)
    {
        await gate.WaitAsync(cancellationToken);
        try
        {
            await using var session = store.QuerySession();
            foreach (var key in streamKeys)
            {
                await ReloadAsync(session, key, cancellationToken);
            }
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>Whether a stream's events feed the model.</summary>
    public static bool IsModelStream(string streamKey) => ModelStreams.Any(prefix => streamKey.StartsWith(prefix, StringComparison.Ordinal));

    private async Task CatchUpAsync(IQuerySession session, CancellationToken cancellationToken)
    {
        while (true)
        {
            var after = applied;
            var events = await session.Events.QueryAllRawEvents()
                .Where(e => e.Sequence > after && e.EventTypesAre(ModelEventTypes))
                .OrderBy(e => e.Sequence)
                .Take(Batch)
                .ToListAsync(cancellationToken);
            foreach (var e in events)
            {
                applied = e.Sequence;
                if (e.StreamKey is { } key && IsModelStream(key) && model.Apply(key, e.Version, e.Data, e.Timestamp) == ModelApplyResult.Gap)
                {
                    await ReloadAsync(session, key, cancellationToken);
                }
            }

            if (events.Count < Batch)
            {
                return;
            }
        }
    }

    private async Task ReloadAsync(IQuerySession session, string streamKey, CancellationToken cancellationToken)
    {
        model.Forget(streamKey);
        var events = await session.Events.FetchStreamAsync(streamKey, token: cancellationToken);
        foreach (var e in events)
        {
            model.Apply(streamKey, e.Version, e.Data, e.Timestamp);
        }

        LogReloaded(logger, streamKey, events.Count);
    }

    private async Task<List<string>> StaleStreamsAsync(CancellationToken cancellationToken)
    {
        var schema = store.Options.Events.DatabaseSchemaName;
        await using var connection = store.Storage.Database.CreateConnection();
        await connection.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"select id, version from {schema}.mt_streams where id like 'node/%' or id like 'pool/%' or id like 'service/%' or id like 'subnet/%'";
        var stale = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var key = reader.GetString(0);
            if (reader.GetInt64(1) != model.VersionOf(key))
            {
                stale.Add(key);
            }
        }

        return stale;
    }

    [LoggerMessage(EventId = 2301, Level = LogLevel.Debug, Message = "Reloaded stream {StreamKey} into the capacity model from {EventCount} events")]
    private static partial void LogReloaded(ILogger logger, string streamKey, int eventCount);

    [LoggerMessage(EventId = 2302, Level = LogLevel.Information, Message = "Reconciled the capacity model: {Count} streams were behind the event store and were reloaded")]
    private static partial void LogReconciled(ILogger logger, int count);
}
