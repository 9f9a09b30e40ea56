using Npgsql;
using Surge.IntegrationTests.Harness;

namespace Surge.IntegrationTests.Ipam;

/// <summary>Ipam sets lz4 on the jsonb columns of its tables at start, so large ledger entries and snapshots compress fast.</summary>
[Collection(IpamCollection.Name)]
[Trait("Category", "Ipam")]
public sealed class LargeValueCompressionTests(IpamCluster cluster)
{
    [Fact]
    public async Task IpamStarted_EveryDataColumnUsesLz4()
    {
        await using var connection = new NpgsqlConnection(cluster.Postgres);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            """
            select c.relname, a.attcompression::text
            from pg_attribute a
            join pg_class c on c.oid = a.attrelid
            join pg_namespace n on n.oid = c.relnamespace
            where n.nspname = 'ipam' and c.relkind in ('r', 'p') and a.attname = 'data' and a.atttypid = 'jsonb'::regtype
            """,
            connection);
        var columns = new Dictionary<string, string>(StringComparer.Ordinal);
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                columns[reader.GetString(0)] = reader.GetString(1);
            }
        }

        // The ledger's entries and snapshots are the large values; the other tables are set alike.
        Assert.Contains("mt_events", columns.Keys);
        Assert.Contains("mt_doc_addressledgersnapshot", columns.Keys);
        Assert.All(columns, column => Assert.True(column.Value == "l", $"ipam.{column.Key}.data has compression '{column.Value}', not lz4 ('l')."));
    }
}
