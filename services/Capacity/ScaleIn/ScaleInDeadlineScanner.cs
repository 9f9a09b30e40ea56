using JasperFx.Events;
using Marten;
using Microsoft.Extensions.Options;
using Surge.Capacity.Sagas;
using Surge.Capacity.ScaleOut;
using Surge.ServiceDefaults.Messaging;

namespace Surge.Capacity.ScaleIn;

/// <summary>Fires the deadlines stored with scale-in sagas.</summary>
public sealed class ScaleInDeadlineScanner(
    IDocumentStore store,
    OutboxSessionFactory sessions,
    PartitionLocks locks,
    IOptions<SagaOptions> sagaOptions,
    IOptions<ScaleInOptions> scaleInOptions,
    TimeProvider time,
    ILogger<ScaleInDeadlineScanner> logger)
    : SagaDeadlineScanner<ScaleInState>(store, sessions, locks, sagaOptions.Value.DeadlineScanInterval, time, logger)
{
    /// <inheritdoc />
    protected override string Kind => "Scale-in";

    /// <inheritdoc />
    protected override async Task<IReadOnlyList<ScaleInState>> FindDueAsync(IQuerySession session, DateTimeOffset now, int batchSize, CancellationToken cancellationToken) =>
        await session.Query<ScaleInState>()
            .Where(saga => saga.Deadline != null && saga.Deadline <= now)
            .OrderBy(saga => saga.Deadline)
            .Take(batchSize)
            .ToListAsync(cancellationToken);

    /// <inheritdoc />
    protected override SagaDeadline DeadlineOf(ScaleInState saga) => new(saga.Id, saga.SagaId, saga.CorrelationId, saga.Status.ToString(), saga.Deadline);

    /// <inheritdoc />
    protected override async Task RecordTimeoutAsync(OutboxSession unit, IEventStream<ScaleInState> stream, DateTimeOffset deadline, CancellationToken cancellationToken)
    {
        var timeouts = ScaleInTimeouts.From(sagaOptions.Value, scaleInOptions.Value);
        var events = ScaleInDecider.Decide(stream.Aggregate!, new DeadlinePassed(deadline), unit.Now, timeouts);
        await ScaleInRecorder.RecordAsync(unit, stream, events, cancellationToken);
    }
}
