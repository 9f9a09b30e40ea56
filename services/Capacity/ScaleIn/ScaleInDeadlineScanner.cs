using Marten;
using Microsoft.Extensions.Options;
using Surge.Capacity.ScaleOut;
using Surge.ServiceDefaults.Messaging;

namespace Surge.Capacity.ScaleIn;

/// <summary>
/// Fires the deadlines stored with scale-in sagas, at the interval of <see cref="SagaOptions.DeadlineScanInterval"/>. A
/// deadline that passed while the service was down fires at the first scan after it starts again.
/// </summary>
public sealed partial class ScaleInDeadlineScanner(
    IDocumentStore store,
    OutboxSessionFactory sessions,
    PartitionLocks locks,
    IOptions<SagaOptions> sagaOptions,
    IOptions<ScaleInOptions> scaleInOptions,
    TimeProvider time,
    ILogger<ScaleInDeadlineScanner> logger) : BackgroundService
{
    private const int BatchSize = 100;

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(sagaOptions.Value.DeadlineScanInterval, time);
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
        IReadOnlyList<ScaleInState> due;
        await using (var query = store.QuerySession())
        {
            due = await query.Query<ScaleInState>()
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

    // Another process may fire the same deadline or handle a reply at the same moment. Its commit wins, this one
    // fails on the stream version, and the next scan reads the new state.
    private async Task FireAsync(ScaleInState saga, CancellationToken cancellationToken)
    {
        try
        {
            using var partition = await locks.AcquireAsync(saga.SagaId.ToString(), cancellationToken);
            await using var unit = sessions.Open(saga.CorrelationId ?? saga.SagaId.ToString("N"), $"deadline:{saga.Deadline:O}", nameof(DeadlinePassed));
            var stream = await unit.Documents.Events.FetchForWriting<ScaleInState>(saga.Id, cancellationToken);
            if (stream.Aggregate?.Deadline is not { } deadline)
            {
                return;
            }

            var timeouts = ScaleInTimeouts.From(sagaOptions.Value, scaleInOptions.Value);
            var events = ScaleInDecider.Decide(stream.Aggregate, new DeadlinePassed(deadline), unit.Now, timeouts);
            await ScaleInRecorder.RecordAsync(unit, stream, events, cancellationToken);
            await unit.CommitAsync(cancellationToken);
            LogFired(logger, saga.SagaId, stream.Aggregate.Status.ToString(), deadline);
        }
        catch (Exception exception) when (exception is JasperFx.ConcurrencyException or JasperFx.Events.EventStreamUnexpectedMaxEventIdException)
        {
            LogRaced(logger, saga.SagaId);
        }
    }

    [LoggerMessage(EventId = 2511, Level = LogLevel.Warning, Message = "Scale-in saga {SagaId} passed its deadline {Deadline} while {Status}")]
    private static partial void LogFired(ILogger logger, Guid sagaId, string status, DateTimeOffset deadline);

    [LoggerMessage(EventId = 2512, Level = LogLevel.Debug, Message = "Scale-in saga {SagaId} changed while its deadline fired; the next scan looks again")]
    private static partial void LogRaced(ILogger logger, Guid sagaId);

    [LoggerMessage(EventId = 2513, Level = LogLevel.Warning, Message = "Scale-in deadline scan failed; it runs again at the next interval")]
    private static partial void LogScanFailed(ILogger logger, Exception exception);
}
