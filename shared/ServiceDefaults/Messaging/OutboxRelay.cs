using Marten;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Surge.ServiceDefaults.Messaging;

/// <summary>Publishes outbox messages that were committed but never handed to the broker, for example because the process died.</summary>
public sealed partial class OutboxRelay(
    IDocumentStore store,
    OutboxDispatcher dispatcher,
    IOptions<OutboxOptions> options,
    TimeProvider time,
    ILogger<OutboxRelay> logger) : BackgroundService
{
    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.RelayInterval, time);
        var failures = new Storage.PassFailures(logger, "The outbox relay", time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await RelayDueMessagesAsync(stoppingToken);
                failures.Succeeded();
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                failures.Failed(exception, failure => LogRelayFailed(logger, failure));
            }
        }
    }

    private async Task RelayDueMessagesAsync(CancellationToken cancellationToken)
    {
        var cutoff = time.GetUtcNow() - options.Value.HandOffGrace;
        await using var session = store.QuerySession();
        var due = await session.Query<OutboxMessage>()
            .Where(message => message.CreatedAt < cutoff)
            .OrderBy(message => message.CreatedAt)
            .Take(options.Value.BatchSize)
            .ToListAsync(cancellationToken);

        if (due.Count == 0)
        {
            return;
        }

        LogRelaying(logger, due.Count);
        await dispatcher.DispatchAsync(due, cancellationToken);
    }

    [LoggerMessage(EventId = 111, Level = LogLevel.Information, Message = "Relaying {Count} outbox messages that were committed but not published")]
    private static partial void LogRelaying(ILogger logger, int count);

    [LoggerMessage(EventId = 112, Level = LogLevel.Warning, Message = "Outbox relay pass failed; it runs again at the next interval")]
    private static partial void LogRelayFailed(ILogger logger, Exception exception);
}
