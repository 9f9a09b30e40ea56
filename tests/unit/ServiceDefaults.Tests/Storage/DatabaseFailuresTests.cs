using Npgsql;
using Surge.ServiceDefaults.Storage;

namespace Surge.ServiceDefaults.Tests.Storage;

/// <summary>Which database failures pass on their own: they become a 503 for HTTP callers and a waited-out retry for messages.</summary>
public sealed class DatabaseFailuresTests
{
    private static PostgresException Postgres(string sqlState) =>
        new("message", "FATAL", "FATAL", sqlState);

    [Theory]
    [InlineData("57P01")]
    [InlineData("57P03")]
    public void IsUnavailable_ServerShuttingDownOrStarting_IsTrue(string sqlState) =>
        Assert.True(DatabaseFailures.IsUnavailable(Postgres(sqlState)));

    [Fact]
    public void IsUnavailable_WrappedConnectionFailure_IsTrue() =>
        Assert.True(DatabaseFailures.IsUnavailable(
            new InvalidOperationException("saving failed", new NpgsqlException("connection lost", new System.Net.Sockets.SocketException()))));

    [Fact]
    public void IsUnavailable_UniqueViolation_IsFalse() =>
        Assert.False(DatabaseFailures.IsUnavailable(Postgres("23505")));

    [Fact]
    public void IsUnavailable_OtherException_IsFalse() =>
        Assert.False(DatabaseFailures.IsUnavailable(new InvalidOperationException("bug")));
}
