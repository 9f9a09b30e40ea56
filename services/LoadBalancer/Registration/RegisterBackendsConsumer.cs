using Microsoft.Extensions.Logging;
using Surge.Contracts.Backends;
using Surge.LoadBalancer.Pools;
using Surge.ServiceDefaults.Messaging;

namespace Surge.LoadBalancer.Registration;

/// <summary>Adds the requested backends to a service's pool and replies with <see cref="BackendsRegistered"/>, or rejects the whole request.</summary>
/// <remarks>
/// The reply goes out only after the data plane routes to the new backends: the commit runs
/// <see cref="DataPlane.PoolCommitListener"/>, which applies the new proxy configuration before the outbox hands the reply to the broker.
/// </remarks>
public sealed partial class RegisterBackendsConsumer(ConsumerServices services, ILogger<RegisterBackendsConsumer> logger)
    : TransactionalConsumer<RegisterBackends>(services)
{
    /// <inheritdoc />
    protected override string PartitionKey(RegisterBackends message) => BackendPoolStream.Key(message.Service);

    /// <inheritdoc />
    protected override async Task HandleAsync(RegisterBackends message, OutboxSession unit, CancellationToken cancellationToken)
    {
        var violations = BackendRegistrationRules.FindViolations(message);
        if (violations is not null)
        {
            LogRejected(logger, message.SagaId, message.Service, violations);
            unit.Publish(new BackendRegistrationRejected(message.SagaId, violations));
            return;
        }

        var (pool, version) = await BackendPoolStream.LoadAsync(unit.Documents, message.Service, cancellationToken);
        var events = BackendPoolDecider.Decide(pool, message);
        BackendPoolStream.Append(unit.Documents, message.Service, version, events);

        var instanceIds = message.Backends.Select(backend => backend.InstanceId).Distinct().ToArray();
        LogRegistered(logger, instanceIds.Length, message.Service, message.SagaId, events.Count);
        unit.Publish(new BackendsRegistered(message.SagaId, message.Service, instanceIds));
    }

    [LoggerMessage(EventId = 5000, Level = LogLevel.Information, Message = "Registered {Count} backends of service {Service} for saga {SagaId} with {EventCount} membership events")]
    private static partial void LogRegistered(ILogger logger, int count, string service, Guid sagaId, int eventCount);

    [LoggerMessage(EventId = 5001, Level = LogLevel.Warning, Message = "Rejected backend registration of service {Service} for saga {SagaId}: {Reason}")]
    private static partial void LogRejected(ILogger logger, Guid sagaId, string service, string reason);
}
