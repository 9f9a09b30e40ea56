using Surge.Contracts.Backends;
using Surge.LoadBalancer.Pools;
using Surge.ServiceDefaults.Messaging;

namespace Surge.LoadBalancer.Weights;

/// <summary>
/// Gives the requested members of a service's pool a weight without adding or removing any, and replies with
/// <see cref="BackendWeightsSet"/>. A weight above 0 gets its reply at once, after the data plane routes to them again. For
/// weight 0 the data plane stops sending them new requests, and <see cref="Draining.DrainFinisher"/> replies once their
/// requests in flight finished or the drain timeout passed, so the message and the pool's lock are not held meanwhile.
/// </summary>
/// <remarks>
/// A weight outside 0 to 1000 is clamped and logged, and a drain timeout outside 0 to 10 minutes is clamped, rather than
/// rejected, because the requesting saga waits for the reply.
/// </remarks>
public sealed partial class SetBackendWeightsConsumer(ConsumerServices services, ILogger<SetBackendWeightsConsumer> logger)
    : TransactionalConsumer<SetBackendWeights>(services)
{
    /// <inheritdoc />
    protected override string PartitionKey(SetBackendWeights message) => BackendPoolStream.Key(message.Service);

    /// <inheritdoc />
    protected override async Task HandleAsync(SetBackendWeights message, OutboxSession unit, CancellationToken cancellationToken)
    {
        var instanceIds = message.InstanceIds.Distinct().ToArray();
        var weight = BackendWeightLimits.Clamp(message.Weight);
        if (weight != message.Weight)
        {
            LogWeightClamped(logger, message.Weight, message.SagaId, message.Service, weight);
        }

        if (!ServiceName.IsValid(message.Service))
        {
            // No pool can exist under an invalid name, so none of the instances receives traffic through it.
            LogInvalidService(logger, message.Service, message.SagaId);
            unit.Publish(new BackendWeightsSet(message.SagaId, message.Service, instanceIds, weight));
            return;
        }

        var (pool, version) = await BackendPoolStream.LoadAsync(unit.Documents, message.Service, cancellationToken);
        var events = BackendPoolDecider.Decide(pool, message, unit.Now);
        BackendPoolStream.Append(unit.Documents, message.Service, version, events);

        var changed = events.Count(@event => @event is BackendWeightChanged);
        var after = events.Aggregate(pool, BackendPool.Evolve);
        if (weight == 0 && after.Drains.TryGetValue(message.SagaId, out var drain))
        {
            LogWaitingForRequests(logger, changed, message.Service, message.SagaId, drain.Until);
            return;
        }

        LogWeightsSet(logger, changed, instanceIds.Length, message.Service, weight, message.SagaId);
        unit.Publish(new BackendWeightsSet(message.SagaId, message.Service, instanceIds, weight));
    }

    [LoggerMessage(EventId = 5040, Level = LogLevel.Information, Message = "Set weight {Weight} on {ChangedCount} of {RequestedCount} requested backends of service {Service} for saga {SagaId}")]
    private static partial void LogWeightsSet(ILogger logger, int changedCount, int requestedCount, string service, int weight, Guid sagaId);

    [LoggerMessage(EventId = 5041, Level = LogLevel.Information, Message = "Set weight 0 on {ChangedCount} backends of service {Service} for saga {SagaId}; the reply follows when their requests in flight complete or at {Until}")]
    private static partial void LogWaitingForRequests(ILogger logger, int changedCount, string service, Guid sagaId, DateTimeOffset until);

    [LoggerMessage(EventId = 5042, Level = LogLevel.Warning, Message = "Weight {Requested} of saga {SagaId} for service {Service} is outside 0 to 1000; using {Used}")]
    private static partial void LogWeightClamped(ILogger logger, int requested, Guid sagaId, string service, int used);

    [LoggerMessage(EventId = 5043, Level = LogLevel.Warning, Message = "Replied to the weight change of saga {SagaId} without changing anything: service name '{Service}' is invalid, so it has no pool")]
    private static partial void LogInvalidService(ILogger logger, string service, Guid sagaId);
}
