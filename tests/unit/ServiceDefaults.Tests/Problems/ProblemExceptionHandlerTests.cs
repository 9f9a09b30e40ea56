using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Surge.ServiceDefaults.Problems;

namespace Surge.ServiceDefaults.Tests.Problems;

/// <summary>An outage a retry gets past is logged as one warning line; a bug keeps its error with the stack trace.</summary>
public sealed class ProblemExceptionHandlerTests
{
    [Fact]
    public async Task Unavailable_503LoggedAsWarningWithoutTrace()
    {
        var (status, entry) = await HandleAsync(new DependencyUnavailableException("ipam", new HttpRequestException("Connection refused")));

        Assert.Equal(StatusCodes.Status503ServiceUnavailable, status);
        Assert.Equal(LogLevel.Warning, entry.Level);
        Assert.Null(entry.Exception);
        Assert.Contains("Connection refused", entry.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bug_500LoggedAsErrorWithException()
    {
        var bug = new InvalidOperationException("a bug");

        var (status, entry) = await HandleAsync(bug);

        Assert.Equal(StatusCodes.Status500InternalServerError, status);
        Assert.Equal(LogLevel.Error, entry.Level);
        Assert.Same(bug, entry.Exception);
    }

    private static async Task<(int Status, LogEntry Entry)> HandleAsync(Exception exception)
    {
        var services = new ServiceCollection().AddLogging().AddProblemDetails().BuildServiceProvider();
        var logger = new ListLogger();
        var handler = new ProblemExceptionHandler(services.GetRequiredService<IProblemDetailsService>(), logger);
        var context = new DefaultHttpContext { RequestServices = services };
        context.Request.Method = "POST";
        context.Request.Path = "/allocations";
        context.Response.Body = new MemoryStream();

        await handler.TryHandleAsync(context, exception, CancellationToken.None);

        return (context.Response.StatusCode, Assert.Single(logger.Entries));
    }

    private sealed record LogEntry(LogLevel Level, string Message, Exception? Exception);

    private sealed class ListLogger : ILogger<ProblemExceptionHandler>
    {
        public List<LogEntry> Entries { get; } = [];

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Entries.Add(new LogEntry(logLevel, formatter(state, exception), exception));
    }
}
