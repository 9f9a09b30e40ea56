using Microsoft.Extensions.Logging;
using Surge.Contracts.Backends;
using Surge.LoadBalancer.Pools;
using Surge.ServiceDefaults.Messaging;

namespace Surge.LoadBalancer.Registration;

/// <summary>
/// Removes the requested instances from a service's pool, skips instances that are not members, and replies with
/// <see cref="BackendsDeregistered"/> listing every requested instance.
/// </summary>
/// <remarks>
/// The reply goes out only after the data plane stopped routing to the removed backends: the commit runs
/// <see cref="DataPlane.PoolCommitListener"/>, which applies the new proxy configuration before the outbox hands the reply
/// to the broker. A draining backend is removed at once, and its drain still ends and replies.
/// </remarks>
public sealed partial class DeregisterBackendsConsumer(ConsumerServices services, ILogger<DeregisterBackendsConsumer> logger)
    : TransactionalConsumer<DeregisterBackends>(services)
{
    /// <inheritdoc />
    protected override string PartitionKey(DeregisterBackends message) => BackendPoolStream.Key(message.Service);

    /// <inheritdoc />
    protected override async Task HandleAsync(DeregisterBackends message, OutboxSession unit, CancellationToken cancellationToken)
    {
        var instanceIds = message.InstanceIds.Distinct().ToArray();
        if (!ServiceName.IsValid(message.Service))
        {
            // No pool can exist under an invalid name, so there is nothing to remove.
            LogInvalidService(logger, message.Service, message.SagaId);
            unit.Publish(new BackendsDeregistered(message.SagaId, message.Service, instanceIds));
            return;
        }

        var (pool, version) = await BackendPoolStream.LoadAsync(unit.Documents, message.Service, cancellationToken);
        var events = BackendPoolDecider.Decide(pool, message);
        BackendPoolStream.Append(unit.Documents, message.Service, version, events);

        LogDeregistered(logger, events.Count, instanceIds.Length, message.Service, message.SagaId, message.Reason);
        unit.Publish(new BackendsDeregistered(message.SagaId, message.Service, instanceIds));
    }

    [LoggerMessage(EventId = 5010, Level = LogLevel.Information, Message = "Removed {RemovedCount} of {RequestedCount} requested backends of service {Service} for saga {SagaId}: {Reason}")]
    private static partial void LogDeregistered(ILogger logger, int removedCount, int requestedCount, string service, Guid sagaId, string reason);

    [LoggerMessage(EventId = 5011, Level = LogLevel.Warning, Message = "Replied to the deregistration of saga {SagaId} without removing anything: service name '{Service}' is invalid, so it has no pool")]
    private static partial void LogInvalidService(ILogger logger, string service, Guid sagaId);
}
