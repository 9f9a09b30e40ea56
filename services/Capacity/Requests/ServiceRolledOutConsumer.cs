using Marten;
using Surge.Capacity.ServiceCatalog;
using Surge.Contracts.Scaling;
using Surge.ServiceDefaults.Messaging;

namespace Surge.Capacity.Requests;

/// <summary>
/// Records on the service's stream the image a completed rollout moved it to, so later scale-outs start that image
/// instead of the declared one. A service that is not declared (any more) records nothing.
/// </summary>
public sealed partial class ServiceRolledOutConsumer(ConsumerServices services, ILogger<ServiceRolledOutConsumer> logger)
    : TransactionalConsumer<ServiceRolledOut>(services)
{
    /// <summary>Uses the service's stream key, so two reports for one service are recorded one after the other.</summary>
    protected override string PartitionKey(ServiceRolledOut message) => ServiceView.StreamKey(message.Service);

    /// <inheritdoc />
    protected override async Task HandleAsync(ServiceRolledOut message, OutboxSession unit, CancellationToken cancellationToken)
    {
        var key = ServiceView.StreamKey(message.Service);
        if (await unit.Documents.LoadAsync<ServiceView>(key, cancellationToken) is null)
        {
            LogUnknownService(logger, message.Service, message.SagaId);
            return;
        }

        unit.Documents.Events.Append(key, new ServiceImageRolledOut(message.Service, message.Image, message.SagaId, message.At));
        LogRecorded(logger, message.Service, message.Image, message.SagaId);
    }

    [LoggerMessage(EventId = 2606, Level = LogLevel.Information, Message = "Service {Service} runs {Image} after rollout {RolloutId}; later scale-outs start that image")]
    private static partial void LogRecorded(ILogger logger, string service, string image, Guid rolloutId);

    [LoggerMessage(EventId = 2607, Level = LogLevel.Warning, Message = "Rollout {RolloutId} completed for service {Service}, which is not declared; its image was not recorded")]
    private static partial void LogUnknownService(ILogger logger, string service, Guid rolloutId);
}
