using Surge.Contracts.Backends;
using Surge.LoadBalancer.Pools;
using Surge.ServiceDefaults.Messaging;

namespace Surge.LoadBalancer.Draining;

/// <summary>
/// Takes the requested members of a service's pool out of rotation and records the drain with its deadline. It replies
/// with <see cref="BackendsDrained"/> at once when none of them is a member; otherwise <see cref="DrainFinisher"/> replies
/// after requests in flight complete or the deadline passes, so the message and the pool's lock are not held meanwhile.
/// </summary>
/// <remarks>
/// A drain timeout outside 0 to 10 minutes is clamped and logged rather than rejected, because the requesting saga waits
/// for a <see cref="BackendsDrained"/> reply and a message moved to the error queue would leave it waiting until its own deadline.
/// </remarks>
public sealed partial class DrainBackendsConsumer(ConsumerServices services, ILogger<DrainBackendsConsumer> logger)
    : TransactionalConsumer<DrainBackends>(services)
{
    /// <inheritdoc />
    protected override string PartitionKey(DrainBackends message) => BackendPoolStream.Key(message.Service);

    /// <inheritdoc />
    protected override async Task HandleAsync(DrainBackends message, OutboxSession unit, CancellationToken cancellationToken)
    {
        var instanceIds = message.InstanceIds.Distinct().ToArray();
        if (!ServiceName.IsValid(message.Service))
        {
            // No pool can exist under an invalid name, so none of the instances receives traffic through it.
            LogInvalidService(logger, message.Service, message.SagaId);
            unit.Publish(new BackendsDrained(message.SagaId, message.Service, instanceIds));
            return;
        }

        var timeout = DrainTimeoutLimits.Clamp(message.DrainTimeout);
        if (timeout != message.DrainTimeout)
        {
            LogTimeoutClamped(logger, message.DrainTimeout, message.SagaId, message.Service, timeout);
        }

        var (pool, version) = await BackendPoolStream.LoadAsync(unit.Documents, message.Service, cancellationToken);
        var events = BackendPoolDecider.Decide(pool, message, unit.Now);
        BackendPoolStream.Append(unit.Documents, message.Service, version, events);

        var after = events.Aggregate(pool, BackendPool.Evolve);
        if (!after.Drains.TryGetValue(message.SagaId, out var drain))
        {
            LogNothingToDrain(logger, message.SagaId, message.Service, instanceIds.Length);
            unit.Publish(new BackendsDrained(message.SagaId, message.Service, instanceIds));
            return;
        }

        var draining = drain.InstanceIds.Count(after.IsDraining);
        LogDrainStarted(logger, draining, message.Service, message.SagaId, drain.Until, events.Count);
    }

    [LoggerMessage(EventId = 5020, Level = LogLevel.Information, Message = "Took {DrainingCount} backends of service {Service} out of rotation for saga {SagaId}; the drain ends when their requests in flight complete or at {Until} ({EventCount} new events)")]
    private static partial void LogDrainStarted(ILogger logger, int drainingCount, string service, Guid sagaId, DateTimeOffset until, int eventCount);

    [LoggerMessage(EventId = 5021, Level = LogLevel.Information, Message = "None of the {RequestedCount} instances saga {SagaId} asked to drain is a backend of service {Service}; replied at once")]
    private static partial void LogNothingToDrain(ILogger logger, Guid sagaId, string service, int requestedCount);

    [LoggerMessage(EventId = 5022, Level = LogLevel.Warning, Message = "Drain timeout {Requested} of saga {SagaId} for service {Service} is outside 0 to 10 minutes; using {Used}")]
    private static partial void LogTimeoutClamped(ILogger logger, TimeSpan requested, Guid sagaId, string service, TimeSpan used);

    [LoggerMessage(EventId = 5023, Level = LogLevel.Warning, Message = "Replied to the drain request of saga {SagaId} without draining: service name '{Service}' is invalid, so it has no pool")]
    private static partial void LogInvalidService(ILogger logger, string service, Guid sagaId);
}
