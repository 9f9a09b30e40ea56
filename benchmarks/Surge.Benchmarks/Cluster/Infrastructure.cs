using System.Diagnostics;
using Npgsql;

namespace Surge.Benchmarks.Cluster;

/// <summary>Creates and removes the run's own PostgreSQL database and RabbitMQ virtual host.</summary>
public static class Infrastructure
{
    /// <summary>Creates <paramref name="database"/> and returns a connection string to it.</summary>
    public static async Task<string> CreateDatabaseAsync(string admin, string database, int maxPoolSize)
    {
        await using var connection = new NpgsqlConnection(admin);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"CREATE DATABASE \"{database}\"", connection);
        await command.ExecuteNonQueryAsync();
        return new NpgsqlConnectionStringBuilder(admin) { Database = database, MaxPoolSize = maxPoolSize }.ConnectionString;
    }

    /// <summary>Drops <paramref name="database"/>, closing the connections still open to it.</summary>
    public static async Task DropDatabaseAsync(string admin, string database)
    {
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(admin);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)", connection);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>Creates <paramref name="virtualHost"/>, gives guest all rights on it, and returns the broker URI for it.</summary>
    public static async Task<string> CreateVirtualHostAsync(string control, string uri, string virtualHost)
    {
        await RunAsync(control, "add_vhost", virtualHost);
        await RunAsync(control, "set_permissions", "-p", virtualHost, "guest", ".*", ".*", ".*");
        return new UriBuilder(uri) { Path = "/" + Uri.EscapeDataString(virtualHost) }.Uri.ToString();
    }

    /// <summary>Deletes <paramref name="virtualHost"/> with its exchanges and queues.</summary>
    public static Task DeleteVirtualHostAsync(string control, string virtualHost) => RunAsync(control, "delete_vhost", virtualHost);

    private static async Task RunAsync(string command, params string[] arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(command, arguments) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var error = await process.StandardError.ReadToEndAsync();
        await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{command} {string.Join(' ', arguments)} failed with exit code {process.ExitCode}: {error}");
        }
    }
}
