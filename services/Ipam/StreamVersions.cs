using System.Data.Common;

namespace Surge.Ipam;

/// <summary>Reads stream versions from Marten's <c>mt_streams</c> table, for callers that compare versions without loading state.</summary>
public static class StreamVersions
{
    /// <summary>
    /// Runs <paramref name="sql"/>, whose last statement selects a text key and a bigint version, on the open
    /// connection, and returns the versions by key. Statements before it, such as taking a lock, share the round trip.
    /// <paramref name="keys"/>, when given, is bound as the array parameter <c>@keys</c>.
    /// </summary>
    public static async Task<Dictionary<string, long>> ReadAsync(DbConnection connection, string sql, string[]? keys, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        if (keys is not null)
        {
            command.Parameters.Add(new Npgsql.NpgsqlParameter("keys", keys));
        }

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
