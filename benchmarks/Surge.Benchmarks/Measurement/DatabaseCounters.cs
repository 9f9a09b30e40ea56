using Npgsql;

namespace Surge.Benchmarks.Measurement;

/// <summary>
/// PostgreSQL's own counters for the run's database: committed transactions (every statement outside an explicit
/// transaction counts as one) and rows inserted, updated and deleted per schema, which is per service.
/// </summary>
public static class DatabaseCounters
{
    /// <summary>Returns the counters now, keyed <c>transactions</c> and <c>{schema} inserted|updated|deleted</c>.</summary>
    /// <remarks>
    /// A PostgreSQL 15 backend flushes its counters when it goes idle, but at most once a second and, while it stays idle,
    /// within about ten seconds, so call this some seconds after the load stopped.
    /// </remarks>
    public static async Task<Dictionary<string, long>> SnapshotAsync(string postgres)
    {
        await using var connection = new NpgsqlConnection(postgres);
        await connection.OpenAsync();
        var counters = new Dictionary<string, long>();

        await using (var command = new NpgsqlCommand("SELECT xact_commit FROM pg_stat_database WHERE datname = current_database()", connection))
        {
            counters["transactions"] = (long)(await command.ExecuteScalarAsync() ?? 0L);
        }

        const string rows = """
            SELECT schemaname, sum(n_tup_ins)::bigint, sum(n_tup_upd)::bigint, sum(n_tup_del)::bigint
            FROM pg_stat_user_tables GROUP BY schemaname
            """;
        await using (var command = new NpgsqlCommand(rows, connection))
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                var schema = reader.GetString(0);
                counters[$"{schema} inserted"] = reader.GetInt64(1);
                counters[$"{schema} updated"] = reader.GetInt64(2);
                counters[$"{schema} deleted"] = reader.GetInt64(3);
            }
        }

        return counters;
    }

    /// <summary>Returns <paramref name="after"/> minus <paramref name="before"/> per counter.</summary>
    public static Dictionary<string, long> Difference(Dictionary<string, long> before, Dictionary<string, long> after) =>
        after.ToDictionary(entry => entry.Key, entry => entry.Value - before.GetValueOrDefault(entry.Key));
}
