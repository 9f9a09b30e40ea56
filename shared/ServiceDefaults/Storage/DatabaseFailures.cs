namespace Surge.ServiceDefaults.Storage;

/// <summary>Tells database failures that pass on their own apart from those that retrying cannot cure.</summary>
public static class DatabaseFailures
{
    /// <summary>
    /// Returns whether the exception, or one it wraps, means PostgreSQL could not be reached: a lost or refused
    /// connection, or a server that is starting or shutting down. Such a transaction committed nothing, so the same
    /// work may be tried again once the server is back.
    /// </summary>
    public static bool IsUnavailable(Exception exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            if (current is Npgsql.NpgsqlException { IsTransient: true })
            {
                return true;
            }
        }

        return false;
    }
}
