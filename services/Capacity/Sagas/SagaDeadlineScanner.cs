using JasperFx.Events;
using Marten;
using Surge.Capacity.ScaleOut;
using Surge.ServiceDefaults.Messaging;
using Surge.ServiceDefaults.Storage;

namespace Surge.Capacity.Sagas;

/// <summary>
/// Fires the deadlines stored with one kind of saga. Because a deadline is data in the saga's state rather than a timer
/// in memory, one that passed while the service was down fires at the first scan after it starts again.
/// </summary>
/// <remarks>
/// Another process may fire the same deadline or handle a reply at the same moment. Its commit wins, this one fails on
/// the stream version, and the next scan reads the new state.
/// </remarks>
public abstract class SagaDeadlineScanner<TState>(
    IDocumentStore store,
    OutboxSessionFactory sessions,
    PartitionLocks locks,
    TimeSpan interval,
    TimeProvider time,
    ILogger logger) : BackgroundService
    where TState : class
{
    private const int BatchSize = 100;

    /// <summary>The saga kind in log messages, such as <c>Scale-out</c>.</summary>
    protected abstract string Kind { get; }

    /// <summary>Returns at most <paramref name="batchSize"/> sagas whose deadline is at or before <paramref name="now"/>, earliest first.</summary>
    protected abstract Task<IReadOnlyList<TState>> FindDueAsync(IQuerySession session, DateTimeOffset now, int batchSize, CancellationToken cancellationToken);

    /// <summary>Returns the saga's identity, correlation id, status and deadline.</summary>
    protected abstract SagaDeadline DeadlineOf(TState saga);

    /// <summary>Decides the timeout on the saga fetched for writing and records the events and their reactions in <paramref name="unit"/>.</summary>
    protected abstract Task RecordTimeoutAsync(OutboxSession unit, IEventStream<TState> stream, DateTimeOffset deadline, CancellationToken cancellationToken);

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(interval, time);
        var failures = new PassFailures(logger, $"The {Kind.ToLowerInvariant()} deadline scanner", time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await ScanAsync(stoppingToken);
                failures.Succeeded();
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                failures.Failed(exception, failure => SagaDeadlineLog.ScanFailed(logger, failure, Kind));
            }
        }
    }

    private async Task ScanAsync(CancellationToken cancellationToken)
    {
        IReadOnlyList<TState> due;
        await using (var query = store.QuerySession())
        {
            due = await FindDueAsync(query, time.GetUtcNow(), BatchSize, cancellationToken);
        }

        foreach (var saga in due)
        {
            await FireAsync(DeadlineOf(saga), cancellationToken);
        }
    }

    private async Task FireAsync(SagaDeadline saga, CancellationToken cancellationToken)
    {
        try
        {
            using var partition = await locks.AcquireAsync(saga.SagaId.ToString(), cancellationToken);
            await using var unit = sessions.Open(saga.CorrelationId ?? saga.SagaId.ToString("N"), $"deadline:{saga.Deadline:O}", nameof(DeadlinePassed));
            var stream = await unit.Documents.Events.FetchForWriting<TState>(saga.StreamKey, cancellationToken);
            if (stream.Aggregate is null || DeadlineOf(stream.Aggregate) is not { Deadline: { } deadline } current)
            {
                return;
            }

            await RecordTimeoutAsync(unit, stream, deadline, cancellationToken);
            await unit.CommitAsync(cancellationToken);
            SagaDeadlineLog.Fired(logger, Kind, saga.SagaId, current.Status, deadline);
        }
        catch (Exception exception) when (exception is JasperFx.ConcurrencyException or EventStreamUnexpectedMaxEventIdException)
        {
            SagaDeadlineLog.Raced(logger, Kind, saga.SagaId);
        }
    }
}

/// <summary>What the deadline scanner needs to know of a saga.</summary>
public sealed record SagaDeadline(string StreamKey, Guid SagaId, string? CorrelationId, string Status, DateTimeOffset? Deadline);
