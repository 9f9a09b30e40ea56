using Surge.Contracts.Backends;
using Surge.LoadBalancer.Pools;
using Surge.ServiceDefaults.Messaging;

namespace Surge.LoadBalancer.Draining;

/// <summary>
/// Ends a drain in its own unit of work: removes the drained members, closes the drain and publishes
/// <see cref="BackendsDrained"/> in one transaction. A drain after weight 0 keeps its members and publishes
/// <see cref="BackendWeightsSet"/> instead.
/// </summary>
public sealed partial class DrainCompletion(PartitionLocks locks, OutboxSessionFactory sessions, ILogger<DrainCompletion> logger)
{
    /// <summary>
    /// Finishes the drain with <paramref name="command"/> and returns true, or returns false when the pool no longer
    /// contains the drain because it already ended. A version conflict with another process throws from the commit, and the
    /// caller tries again with the pool as that process left it.
    /// </summary>
    public async Task<bool> FinishAsync(WatchedDrain drain, FinishDrain command, int? inFlight, CancellationToken cancellationToken)
    {
        // The same lock as the consumers of this pool, so a drain ends between two messages, never during one.
        var key = BackendPoolStream.Key(drain.Service);
        using var partition = await locks.AcquireAsync(key, cancellationToken);
        await using var unit = sessions.Open(drain.CorrelationId, drain.CausationId);

        var (pool, version) = await BackendPoolStream.LoadAsync(unit.Documents, drain.Service, cancellationToken);
        if (!pool.Drains.TryGetValue(drain.SagaId, out var pending))
        {
            return false;
        }

        var events = BackendPoolDecider.Decide(pool, command);
        BackendPoolStream.Append(unit.Documents, drain.Service, version, events);
        unit.Publish(pending.KeepMembers
            ? new BackendWeightsSet(drain.SagaId, drain.Service, pending.InstanceIds, 0)
            : new BackendsDrained(drain.SagaId, drain.Service, pending.InstanceIds));
        await unit.CommitAsync(cancellationToken);

        var removed = events.Count(@event => @event is BackendRemoved);
        if (command.DeadlinePassed)
        {
            LogDeadlinePassed(logger, drain.SagaId, drain.Service, removed, pending.Until, inFlight);
        }
        else
        {
            LogDrained(logger, drain.SagaId, drain.Service, removed);
        }

        return true;
    }

    [LoggerMessage(EventId = 5030, Level = LogLevel.Information, Message = "Drain of saga {SagaId} in service {Service} finished with no requests in flight; removed {RemovedCount} backends")]
    private static partial void LogDrained(ILogger logger, Guid sagaId, string service, int removedCount);

    [LoggerMessage(EventId = 5031, Level = LogLevel.Warning, Message = "Drain of saga {SagaId} in service {Service} reached its deadline {Until}; removed {RemovedCount} backends with {InFlightCount} requests through this process still in flight")]
    private static partial void LogDeadlinePassed(ILogger logger, Guid sagaId, string service, int removedCount, DateTimeOffset until, int? inFlightCount);
}
