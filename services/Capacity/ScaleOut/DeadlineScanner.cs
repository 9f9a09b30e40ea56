using JasperFx.Events;
using Marten;
using Microsoft.Extensions.Options;
using Surge.Capacity.Sagas;
using Surge.ServiceDefaults.Messaging;

namespace Surge.Capacity.ScaleOut;

/// <summary>Fires the deadlines stored with scale-out sagas.</summary>
public sealed class DeadlineScanner(
    IDocumentStore store,
    OutboxSessionFactory sessions,
    PartitionLocks locks,
    IOptions<SagaOptions> options,
    TimeProvider time,
    ILogger<DeadlineScanner> logger)
    : SagaDeadlineScanner<ScaleOutState>(store, sessions, locks, options.Value.DeadlineScanInterval, time, logger)
{
    /// <inheritdoc />
    protected override string Kind => "Scale-out";

    /// <inheritdoc />
    protected override async Task<IReadOnlyList<ScaleOutState>> FindDueAsync(IQuerySession session, DateTimeOffset now, int batchSize, CancellationToken cancellationToken) =>
        await session.Query<ScaleOutState>()
            .Where(saga => saga.Deadline != null && saga.Deadline <= now)
            .OrderBy(saga => saga.Deadline)
            .Take(batchSize)
            .ToListAsync(cancellationToken);

    /// <inheritdoc />
    protected override SagaDeadline DeadlineOf(ScaleOutState saga) => new(saga.Id, saga.SagaId, saga.CorrelationId, saga.Status.ToString(), saga.Deadline);

    /// <inheritdoc />
    protected override async Task RecordTimeoutAsync(OutboxSession unit, IEventStream<ScaleOutState> stream, DateTimeOffset deadline, CancellationToken cancellationToken)
    {
        var events = ScaleOutDecider.Decide(stream.Aggregate!, new DeadlinePassed(deadline), unit.Now, options.Value);
        await ScaleOutRecorder.RecordAsync(unit, stream, events, cancellationToken);
    }
}
