using Microsoft.Extensions.Logging;
using Npgsql;
using Surge.ServiceDefaults.Storage;

namespace Surge.ServiceDefaults.Tests.Storage;

public sealed class PassFailuresTests
{
    private static readonly Exception Outage = new NpgsqlException("Failed to connect to 127.0.0.1:55432", new System.Net.Sockets.SocketException(111));

    [Fact]
    public void Outage_LoggedOnceUntilResumed()
    {
        var logger = new ListLogger();
        var failures = new PassFailures(logger, "The test worker", TimeProvider.System);
        var other = new List<Exception>();

        failures.Failed(Outage, other.Add);
        failures.Failed(Outage, other.Add);
        failures.Failed(Outage, other.Add);
        failures.Succeeded();
        failures.Succeeded();

        Assert.Empty(other);
        Assert.Equal(2, logger.Entries.Count);
        Assert.Equal(LogLevel.Warning, logger.Entries[0].Level);
        Assert.StartsWith("The test worker waits for the database, which is unavailable: Failed to connect to 127.0.0.1:55432 (Connection refused).", logger.Entries[0].Message);
        Assert.Null(logger.Entries[0].Exception);
        Assert.StartsWith("The test worker resumed after the database was unavailable for", logger.Entries[1].Message);
    }

    [Fact]
    public void WrappedOutage_ReasonOnOneLine()
    {
        var logger = new ListLogger();
        var failures = new PassFailures(logger, "The test worker", TimeProvider.System);

        failures.Failed(new InvalidOperationException("Marten Command Failure:\n\n\nselect 1", Outage), _ => { });

        Assert.Contains("unavailable: Failed to connect to 127.0.0.1:55432 (Connection refused).", logger.Entries[0].Message);
    }

    [Fact]
    public void OtherFailure_GoesToWorkerLog()
    {
        var logger = new ListLogger();
        var failures = new PassFailures(logger, "The test worker", TimeProvider.System);
        var other = new List<Exception>();
        var bug = new InvalidOperationException("bug");

        failures.Failed(bug, other.Add);
        failures.Failed(bug, other.Add);

        Assert.Equal([bug, bug], other);
        Assert.Empty(logger.Entries);
    }

    [Fact]
    public void SecondOutage_LoggedAgain()
    {
        var logger = new ListLogger();
        var failures = new PassFailures(logger, "The test worker", TimeProvider.System);

        failures.Failed(Outage, _ => { });
        failures.Succeeded();
        failures.Failed(Outage, _ => { });

        Assert.Equal(3, logger.Entries.Count);
        Assert.Equal(LogLevel.Warning, logger.Entries[2].Level);
    }

    private sealed record LogEntry(LogLevel Level, string Message, Exception? Exception);

    private sealed class ListLogger : ILogger
    {
        public List<LogEntry> Entries { get; } = [];

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Entries.Add(new LogEntry(logLevel, formatter(state, exception), exception));
    }
}
