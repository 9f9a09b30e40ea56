using Marten;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Surge.Ipam;
using Surge.ServiceDefaults.Storage;

namespace Surge.Benchmarks.Ipam;

/// <summary>Creates Ipam's Marten store in a schema of the run's database that starts empty.</summary>
public static class IpamStoreForBenchmark
{
    /// <summary>
    /// Drops <paramref name="schema"/> with what an earlier run left in it, then creates Ipam's tables there, with the
    /// compression Ipam sets at start.
    /// </summary>
    public static async Task<DocumentStore> CreateAsync(string connectionString, string schema, CancellationToken ct)
    {
        await using (var connection = new NpgsqlConnection(connectionString))
        {
            await connection.OpenAsync(ct);
            await using var drop = new NpgsqlCommand($"DROP SCHEMA IF EXISTS {schema} CASCADE", connection);
            await drop.ExecuteNonQueryAsync(ct);
        }

        var store = new DocumentStore(MartenExtensions.CreateStoreOptions(connectionString, schema, IpamStore.Configure));
        await store.Storage.ApplyAllConfiguredChangesToDatabaseAsync();
        await LargeValueCompression.ApplyAsync(connectionString, schema, NullLogger.Instance, ct);
        return store;
    }
}
