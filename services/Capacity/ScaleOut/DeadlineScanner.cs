using Marten;
using Microsoft.Extensions.Options;
using Surge.ServiceDefaults.Messaging;

namespace Surge.Capacity.ScaleOut;

/// <summary>
/// Fires the deadlines stored with the sagas. Because a deadline is data in the saga's state rather than a timer in
/// memory, one that passed while the service was down fires at the first scan after it starts again.
/// </summary>
public sealed partial class DeadlineScanner(
    IDocumentStore store,
    OutboxSessionFactory sessions,
    PartitionLocks locks,
    IOptions<SagaOptions> options,
    TimeProvider time,
    ILogger<DeadlineScanner> logger) : BackgroundService
{
    private const int BatchSize = 100;

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.DeadlineScanInterval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await ScanAsync(stoppingToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                LogScanFailed(logger, exception);
            }
        }
    }

    private async Task ScanAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        IReadOnlyList<ScaleOutState> due;
        await using (var query = store.QuerySession())
        {
            due = await query.Query<ScaleOutState>()
                .Where(saga => saga.Deadline != null && saga.Deadline <= now)
                .OrderBy(saga => saga.Deadline)
                .Take(BatchSize)
                .ToListAsync(cancellationToken);
        }

        foreach (var saga in due)
        {
            await FireAsync(saga, cancellationToken);
        }
    }

    // Another process may fire the same deadline or handle a reply at the same moment; its commit wins, this one
    // fails on the stream version and the next scan sees the new state.
    private async Task FireAsync(ScaleOutState saga, CancellationToken cancellationToken)
    {
        try
        {
            using var partition = await locks.AcquireAsync(saga.SagaId.ToString(), cancellationToken);
            await using var unit = sessions.Open(saga.CorrelationId ?? saga.SagaId.ToString("N"), $"deadline:{saga.Deadline:O}", nameof(DeadlinePassed));
            var stream = await unit.Documents.Events.FetchForWriting<ScaleOutState>(saga.Id, cancellationToken);
            if (stream.Aggregate?.Deadline is not { } deadline)
            {
                return;
            }

            var events = ScaleOutDecider.Decide(stream.Aggregate, new DeadlinePassed(deadline), unit.Now, options.Value);
            await ScaleOutRecorder.RecordAsync(unit, stream, events, cancellationToken);
            await unit.CommitAsync(cancellationToken);
            LogFired(logger, saga.SagaId, stream.Aggregate.Status.ToString(), deadline);
        }
        catch (Exception exception) when (exception is JasperFx.ConcurrencyException or JasperFx.Events.EventStreamUnexpectedMaxEventIdException)
        {
            LogRaced(logger, saga.SagaId);
        }
    }

    [LoggerMessage(EventId = 2401, Level = LogLevel.Warning, Message = "Scale-out saga {SagaId} passed its deadline {Deadline} while {Status}")]
    private static partial void LogFired(ILogger logger, Guid sagaId, string status, DateTimeOffset deadline);

    [LoggerMessage(EventId = 2402, Level = LogLevel.Debug, Message = "Scale-out saga {SagaId} changed while its deadline fired; the next scan looks again")]
    private static partial void LogRaced(ILogger logger, Guid sagaId);

    [LoggerMessage(EventId = 2403, Level = LogLevel.Warning, Message = "Deadline scan failed; it runs again at the next interval")]
    private static partial void LogScanFailed(ILogger logger, Exception exception);
}
