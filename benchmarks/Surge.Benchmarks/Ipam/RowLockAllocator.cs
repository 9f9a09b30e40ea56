using System.Text.RegularExpressions;
using Npgsql;
using NpgsqlTypes;

namespace Surge.Benchmarks.Ipam;

/// <summary>
/// The classic allocator the others are compared with: a PostgreSQL table with one row per usable address, and one
/// transaction per allocation that locks a free row with <c>FOR UPDATE SKIP LOCKED</c> and writes the instance id into
/// it. It uses Npgsql directly, with a prepared statement and a connection pool of one connection per caller.
/// </summary>
/// <remarks>
/// The table is <c>addresses (address inet PRIMARY KEY, node text NULL, instance_id uuid NULL UNIQUE, allocated_at
/// timestamptz NULL)</c>. Preparation assigns each node its warm level of rows, in address order, and leaves the rest
/// unassigned. An allocation takes the lowest free row assigned to its node and, when the node has none free and
/// unlocked, the lowest free unassigned row, which then becomes the node's.
/// </remarks>
public sealed partial class RowLockAllocator : IAddressAllocatorUnderTest
{
    private readonly string schema;
    private readonly string allocateSql;
    private readonly NpgsqlDataSource dataSource;

    /// <summary>Creates the allocator, which keeps its table in <paramref name="schema"/> of the run's database.</summary>
    public RowLockAllocator(string name, string schema, AllocatorEnvironment environment)
    {
        if (!SchemaName().IsMatch(schema))
        {
            throw new ArgumentException($"Schema name '{schema}' is invalid. Use lower-case letters, digits and underscores, starting with a letter or underscore.", nameof(schema));
        }

        Name = name;
        this.schema = schema;
        allocateSql = AllocateSql(schema);

        // The allocator changes no session settings, so the reset Npgsql otherwise sends ahead of the first command on
        // a connection taken from the pool would only add work to every allocation.
        var connection = new NpgsqlConnectionStringBuilder(environment.ConnectionString)
        {
            MaxPoolSize = environment.BaselineConnections,
            NoResetOnClose = true,
        };
        dataSource = NpgsqlDataSource.Create(connection.ConnectionString);
    }

    /// <inheritdoc />
    public string Name { get; }

    /// <inheritdoc />
    public async Task PrepareAsync(BenchmarkSubnetPlan plan, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await ExecuteAsync(connection, $"""
            DROP SCHEMA IF EXISTS {schema} CASCADE;
            CREATE SCHEMA {schema};
            CREATE TABLE {schema}.addresses (
                address inet PRIMARY KEY,
                node text NULL,
                instance_id uuid NULL UNIQUE,
                allocated_at timestamptz NULL)
            """, ct);

        await CopyAddressesAsync(connection, plan, ct);

        // Each allocation query finds its row through one of these partial indexes, so it reads only free rows, and
        // a node's scan stays short however many rows other nodes or earlier allocations have used.
        await ExecuteAsync(connection, $"""
            CREATE INDEX addresses_free_by_node ON {schema}.addresses (node, address) WHERE instance_id IS NULL;
            CREATE INDEX addresses_free_unassigned ON {schema}.addresses (address) WHERE node IS NULL AND instance_id IS NULL
            """, ct);
        await ExecuteAsync(connection, $"VACUUM (ANALYZE) {schema}.addresses", ct);
    }

    /// <inheritdoc />
    public async Task<string?> AllocateAsync(Guid instanceId, string node, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var command = new NpgsqlCommand(allocateSql, connection);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = node });
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = instanceId });

        // Npgsql keeps a prepared statement on its physical connection, so this parses and plans only the first time
        // a pooled connection runs the statement.
        await command.PrepareAsync(ct);
        return await command.ExecuteScalarAsync(ct) as string;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<(Guid InstanceId, string Address)>> ReadAllocationsAsync(CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand(
            $"SELECT instance_id, host(address) FROM {schema}.addresses WHERE instance_id IS NOT NULL");
        await using var reader = await command.ExecuteReaderAsync(ct);
        var allocations = new List<(Guid InstanceId, string Address)>();
        while (await reader.ReadAsync(ct))
        {
            allocations.Add((reader.GetGuid(0), reader.GetString(1)));
        }

        return allocations;
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => dataSource.DisposeAsync();

    private async Task CopyAddressesAsync(NpgsqlConnection connection, BenchmarkSubnetPlan plan, CancellationToken ct)
    {
        using var assignments = plan.Nodes.SelectMany(node => Enumerable.Repeat(node.Name, node.WarmAddresses)).GetEnumerator();
        await using var writer = await connection.BeginBinaryImportAsync(
            $"COPY {schema}.addresses (address, node) FROM STDIN (FORMAT BINARY)", ct);
        foreach (var address in plan.UsableAddresses())
        {
            await writer.StartRowAsync(ct);
            await writer.WriteAsync(address, NpgsqlDbType.Inet, ct);
            if (assignments.MoveNext())
            {
                await writer.WriteAsync(assignments.Current, NpgsqlDbType.Text, ct);
            }
            else
            {
                await writer.WriteNullAsync(ct);
            }
        }

        await writer.CompleteAsync(ct);
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(ct);
    }

    // One statement makes one round trip and one transaction. The node's own row comes first, and the NOT EXISTS
    // lets the unassigned scan run only when the node had none, so it never locks a row it would not use.
    // Under READ COMMITTED, a row that another transaction took and committed after this statement's snapshot fails
    // the recheck of instance_id IS NULL after the lock, so the scan moves on to the next row.
    private static string AllocateSql(string schema) => $"""
        WITH own AS (
            SELECT address FROM {schema}.addresses
            WHERE node = $1 AND instance_id IS NULL
            ORDER BY address LIMIT 1
            FOR UPDATE SKIP LOCKED),
        spare AS (
            SELECT address FROM {schema}.addresses
            WHERE node IS NULL AND instance_id IS NULL AND NOT EXISTS (SELECT FROM own)
            ORDER BY address LIMIT 1
            FOR UPDATE SKIP LOCKED)
        UPDATE {schema}.addresses AS a
        SET node = $1, instance_id = $2, allocated_at = now()
        FROM (SELECT address FROM own UNION ALL SELECT address FROM spare) AS chosen
        WHERE a.address = chosen.address
        RETURNING host(a.address)
        """;

    [GeneratedRegex("^[a-z_][a-z0-9_]*$")]
    private static partial Regex SchemaName();
}
