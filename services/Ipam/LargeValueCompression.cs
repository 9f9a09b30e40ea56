using Npgsql;

namespace Surge.Ipam;

/// <summary>
/// Has PostgreSQL compress Ipam's large jsonb values with lz4 instead of its default, pglz. A ledger entry holds a
/// whole batch of allocations, a ledger snapshot every holding of a subnet, and a subnet document every block, so
/// most of them are stored compressed. In CPU profiles of the allocation benchmark, pglz was the largest single cost
/// once a subnet held a few hundred thousand addresses, and lz4 compresses several times faster for somewhat larger
/// values. The setting applies to values written from then on; stored values stay readable either way.
/// </summary>
public static partial class LargeValueCompression
{
    // Every document and event body is a jsonb column named data. The ones not on lz4 yet are listed as statements,
    // quoted by the server, so nothing is altered when all are set and a restart takes no table lock.
    private const string PendingSql = """
        select format('alter table %I.%I alter column data set compression lz4', n.nspname, c.relname)
        from pg_attribute a
        join pg_class c on c.oid = a.attrelid
        join pg_namespace n on n.oid = c.relnamespace
        where n.nspname = @schema and c.relkind in ('r', 'p') and a.attname = 'data'
          and a.atttypid = 'jsonb'::regtype and not a.attisdropped and a.attcompression is distinct from 'l'
        """;

    /// <summary>
    /// Sets lz4 on every jsonb <c>data</c> column of <paramref name="schema"/> that does not have it yet and returns
    /// how many it set. A server built without lz4 keeps pglz: the method logs that and returns 0.
    /// </summary>
    public static async Task<int> ApplyAsync(string connectionString, string schema, ILogger logger, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);

        var statements = new List<string>();
        try
        {
            await using (var pending = new NpgsqlCommand(PendingSql, connection))
            {
                pending.Parameters.AddWithValue("schema", schema);
                await using var reader = await pending.ExecuteReaderAsync(cancellationToken);
                while (await reader.ReadAsync(cancellationToken))
                {
                    statements.Add(reader.GetString(0));
                }
            }

            foreach (var statement in statements)
            {
                await using var alter = new NpgsqlCommand(statement, connection);
                await alter.ExecuteNonQueryAsync(cancellationToken);
            }
        }
        catch (PostgresException exception) when (exception.SqlState is PostgresErrorCodes.FeatureNotSupported or PostgresErrorCodes.UndefinedColumn)
        {
            // Without lz4 support the alter fails; before PostgreSQL 14 there is no per-column compression at all.
            LogLz4Missing(logger, schema, exception.MessageText);
            return 0;
        }

        if (statements.Count > 0)
        {
            LogSet(logger, statements.Count, schema);
        }

        return statements.Count;
    }

    [LoggerMessage(EventId = 3003, Level = LogLevel.Information, Message = "Large values of {Count} tables in schema {Schema} are now compressed with lz4")]
    private static partial void LogSet(ILogger logger, int count, string schema);

    [LoggerMessage(EventId = 3004, Level = LogLevel.Warning, Message = "PostgreSQL cannot compress with lz4 ({Reason}); large values in schema {Schema} stay compressed with pglz, which costs the server more CPU per allocation. A server built with lz4 (the --with-lz4 build option, standard in most packages) removes this cost")]
    private static partial void LogLz4Missing(ILogger logger, string schema, string reason);
}
