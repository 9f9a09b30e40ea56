using System.Data.Common;

namespace Surge.Ipam;

/// <summary>Reads stream versions from Marten's <c>mt_streams</c> table, for callers that compare versions without loading state.</summary>
public static class StreamVersions
{
    /// <summary>Runs <paramref name="sql"/> like the overload below, on a connection of its own from the store.</summary>
    public static async Task<Dictionary<string, long>> ReadAsync(Marten.IDocumentStore store, string sql, CancellationToken cancellationToken)
    {
        await using var connection = store.Storage.Database.CreateConnection();
        await connection.OpenAsync(cancellationToken);
        return await ReadAsync(connection, sql, cancellationToken);
    }

    /// <summary>
    /// Runs <paramref name="sql"/>, whose last statement selects a text key and a bigint version, on the open
    /// connection, and returns the versions by key. Statements before it, such as taking a lock, share the round trip.
    /// </summary>
    public static async Task<Dictionary<string, long>> ReadAsync(DbConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;

        var versions = new Dictionary<string, long>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (reader.FieldCount != 2 && await reader.NextResultAsync(cancellationToken))
        {
        }

        while (await reader.ReadAsync(cancellationToken))
        {
            versions[reader.GetString(0)] = reader.GetInt64(1);
        }

        return versions;
    }
}
