using JasperFx.Events;
using Marten;
using Microsoft.Extensions.Options;
using Surge.Rollout.Saga;
using Surge.Rollout.Storage;
using Surge.ServiceDefaults.Messaging;
using Surge.ServiceDefaults.Storage;

namespace Surge.Rollout.Messaging;

/// <summary>
/// Fires the deadlines stored with rollouts. Because a deadline is data in the rollout's state rather than a timer in
/// memory, one that passed while the service was down fires at the first scan after it starts again.
/// </summary>
/// <remarks>
/// Another process may fire the same deadline or handle a reply at the same moment. Its commit wins, this one fails on
/// the stream version, and the next scan reads the new state.
/// </remarks>
public sealed partial class RolloutDeadlineScanner(
    IDocumentStore store,
    OutboxSessionFactory sessions,
    PartitionLocks locks,
    IOptions<RolloutOptions> options,
    TimeProvider time,
    ILogger<RolloutDeadlineScanner> logger) : BackgroundService
{
    private const int BatchSize = 100;

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.DeadlineScanInterval, time);
        var failures = new PassFailures(logger, "The rollout deadline scanner", time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await ScanAsync(stoppingToken);
                failures.Succeeded();
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                failures.Failed(exception, failure => LogScanFailed(logger, failure));
            }
        }
    }

    private async Task ScanAsync(CancellationToken cancellationToken)
    {
        IReadOnlyList<RolloutState> due;
        await using (var query = store.QuerySession())
        {
            var now = time.GetUtcNow();
            due = await query.Query<RolloutState>()
                .Where(rollout => rollout.Deadline != null && rollout.Deadline <= now)
                .OrderBy(rollout => rollout.Deadline)
                .Take(BatchSize)
                .ToListAsync(cancellationToken);
        }

        foreach (var rollout in due)
        {
            await FireAsync(rollout, cancellationToken);
        }
    }

    private async Task FireAsync(RolloutState rollout, CancellationToken cancellationToken)
    {
        try
        {
            using var partition = await locks.AcquireAsync(rollout.SagaId.ToString(), cancellationToken);
            await using var unit = sessions.Open(rollout.CorrelationId ?? rollout.SagaId.ToString("N"), $"deadline:{rollout.Deadline:O}", nameof(DeadlinePassed));
            var stream = await unit.Documents.Events.FetchForWriting<RolloutState>(rollout.Id, cancellationToken);
            if (stream.Aggregate is not { Deadline: { } deadline } current)
            {
                return;
            }

            var events = RolloutDecider.Decide(current, new DeadlinePassed(deadline), unit.Now, options.Value);
            RolloutRecorder.Record(unit, stream, events);
            await unit.CommitAsync(cancellationToken);
            LogFired(logger, rollout.SagaId, current.Step, deadline);
        }
        catch (Exception exception) when (exception is JasperFx.ConcurrencyException or EventStreamUnexpectedMaxEventIdException)
        {
            LogRaced(logger, rollout.SagaId);
        }
    }

    [LoggerMessage(EventId = LogEventIds.DeadlineScanner, Level = LogLevel.Information, Message = "Rollout {SagaId} reached its deadline {Deadline} at step {Step}")]
    private static partial void LogFired(ILogger logger, Guid sagaId, RolloutStep step, DateTimeOffset deadline);

    [LoggerMessage(EventId = LogEventIds.DeadlineScanner + 1, Level = LogLevel.Debug, Message = "Rollout {SagaId} changed while its deadline fired; the next scan looks again")]
    private static partial void LogRaced(ILogger logger, Guid sagaId);

    [LoggerMessage(EventId = LogEventIds.DeadlineScanner + 2, Level = LogLevel.Warning, Message = "Rollout deadline scan failed; it runs again at the next interval")]
    private static partial void LogScanFailed(ILogger logger, Exception exception);
}
