using Npgsql;
using Surge.ServiceDefaults.Messaging;
using Surge.ServiceDefaults.Storage;

namespace Surge.ServiceDefaults.Tests.Storage;

/// <summary>Background work waits out an unreachable database and gives up on anything else at once.</summary>
public sealed class DatabaseOutageRetryTests
{
    private static readonly NpgsqlException ConnectionRefused = new("Failed to connect", new System.Net.Sockets.SocketException(111));

    private static DatabaseOutageRetry RetryFor(TimeSpan window) =>
        new(Microsoft.Extensions.Options.Options.Create(new MessagingOptions { DatabaseOutageRetry = window }), TimeProvider.System);

    [Fact]
    public async Task RunAsync_DatabaseBack_ReturnsResult()
    {
        var attempts = 0;

        var result = await RetryFor(TimeSpan.FromSeconds(1)).RunAsync(
            _ => ++attempts < 3 ? throw ConnectionRefused : Task.FromResult(attempts), CancellationToken.None);

        Assert.Equal(3, result);
    }

    [Fact]
    public async Task RunAsync_OtherFailure_ThrowsAfterOneAttempt()
    {
        var attempts = 0;

        await Assert.ThrowsAsync<InvalidOperationException>(() => RetryFor(TimeSpan.FromSeconds(1)).RunAsync<int>(
            _ => { attempts++; throw new InvalidOperationException("bug"); }, CancellationToken.None));

        Assert.Equal(1, attempts);
    }

    [Fact]
    public async Task RunAsync_LongOutage_ThrowsLastFailure()
    {
        var attempts = 0;

        await Assert.ThrowsAsync<NpgsqlException>(() => RetryFor(TimeSpan.FromMilliseconds(250)).RunAsync<int>(
            _ => { attempts++; throw ConnectionRefused; }, CancellationToken.None));

        // Waits of 100 and 200 ms cover 250 ms, so there is one attempt after each wait.
        Assert.Equal(3, attempts);
    }

    [Fact]
    public async Task RunAsync_WindowZero_ThrowsTheFirstFailure()
    {
        var attempts = 0;

        await Assert.ThrowsAsync<NpgsqlException>(() => RetryFor(TimeSpan.Zero).RunAsync<int>(
            _ => { attempts++; throw ConnectionRefused; }, CancellationToken.None));

        Assert.Equal(1, attempts);
    }
}
