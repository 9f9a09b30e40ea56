using Npgsql;
using Surge.ServiceDefaults.Problems;

namespace Surge.ServiceDefaults.Tests.Problems;

/// <summary>Which database failures become a 503 the caller may retry instead of a 500.</summary>
public sealed class DatabaseUnavailableTests
{
    private static PostgresException Postgres(string sqlState) =>
        new("message", "FATAL", "FATAL", sqlState);

    [Fact]
    public void IsDatabaseUnavailable_ServerStarting_IsTrue() =>
        Assert.True(ProblemExceptionHandler.IsDatabaseUnavailable(Postgres("57P03")));

    [Fact]
    public void IsDatabaseUnavailable_WrappedConnectionFailure_IsTrue() =>
        Assert.True(ProblemExceptionHandler.IsDatabaseUnavailable(
            new InvalidOperationException("saving failed", new NpgsqlException("connection lost", new System.Net.Sockets.SocketException()))));

    [Fact]
    public void IsDatabaseUnavailable_UniqueViolation_IsFalse() =>
        Assert.False(ProblemExceptionHandler.IsDatabaseUnavailable(Postgres("23505")));

    [Fact]
    public void IsDatabaseUnavailable_OtherException_IsFalse() =>
        Assert.False(ProblemExceptionHandler.IsDatabaseUnavailable(new InvalidOperationException("bug")));
}
