using Marten;
using Npgsql;

namespace Surge.Ipam.Allocation;

/// <summary>
/// Opens the allocation committer's sessions on a connection pool of their own. Npgsql resets a pooled connection
/// with <c>DISCARD ALL</c> before it is used again, and that also throws away the query plans PostgreSQL cached for
/// Marten's append function, so every commit planned the function's statements anew. The committer's connections skip
/// the reset and prepare the statements they repeat. Skipping the reset is safe on these connections because the
/// committer leaves nothing behind in a connection: its one lock is transaction-scoped and ends with the commit.
/// </summary>
public sealed class AllocationSessions(IDocumentStore store, string connectionString)
{
    // The committer repeats a handful of statements: the lock with the version read, the append, the ledger's snapshot
    // and the inbox reads. Npgsql prepares a statement after it has run a few times.
    private const int PreparedStatements = 16;

    private readonly string connection = ForAllocations(connectionString);

    /// <summary>Opens a lightweight session on one of the committer's connections.</summary>
    public IDocumentSession Open() => store.LightweightSession(Marten.Services.SessionOptions.ForConnectionString(connection));

    /// <summary>
    /// Returns <paramref name="configured"/> with the reset turned off and statements prepared automatically. A
    /// connection string that sets <c>Max Auto Prepare</c> itself keeps its value, so 0 turns preparing off, as a
    /// connection pooler that cannot keep prepared statements needs.
    /// </summary>
    public static string ForAllocations(string configured)
    {
        var builder = new NpgsqlConnectionStringBuilder(configured) { NoResetOnClose = true };
        if (!Sets(configured, "Max Auto Prepare", "MaxAutoPrepare"))
        {
            builder.MaxAutoPrepare = PreparedStatements;
        }

        return builder.ConnectionString;
    }

    // Npgsql's builder reports every keyword it supports as present. The plain builder keeps only the keywords the
    // text sets, so it shows whether the operator set one.
    private static bool Sets(string connectionString, params string[] keywords)
    {
        var stated = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = connectionString };
        return keywords.Any(stated.ContainsKey);
    }
}
