using Npgsql;

namespace Surge.Benchmarks.Ipam;

/// <summary>
/// A PostgreSQL checkpoint before each timed phase, so the phase does not pay for writing out pages that earlier steps,
/// such as loading a table or another allocator's run, left dirty.
/// </summary>
public static class ServerCheckpoint
{
    /// <summary>Runs <c>CHECKPOINT</c>, or returns false when the role is neither superuser nor a member of pg_checkpoint.</summary>
    public static async Task<bool> TryRunAsync(string connectionString, CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(ct);
        await using var command = new NpgsqlCommand("CHECKPOINT", connection);
        try
        {
            await command.ExecuteNonQueryAsync(ct);
            return true;
        }
        catch (PostgresException exception) when (exception.SqlState == PostgresErrorCodes.InsufficientPrivilege)
        {
            return false;
        }
    }
}
