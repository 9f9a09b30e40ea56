using Marten;
using Microsoft.Extensions.Options;
using Surge.Capacity.ScaleOut;
using Surge.Capacity.ServiceCatalog;
using Surge.Contracts.Scaling;
using Surge.ServiceDefaults.Messaging;

namespace Surge.Capacity.Requests;

/// <summary>
/// Starts the scale-out saga that another saga requests, under the id that saga chose. A redelivered request starts nothing:
/// a finished saga reports its end again, and a running one reports it when it ends. A request that cannot start a saga
/// gets a <c>Rejected</c> report at once, so the requester does not wait for a saga that will never exist.
/// </summary>
public sealed partial class ScaleOutServiceConsumer(
    ConsumerServices services,
    IOptions<SagaOptions> options,
    ILogger<ScaleOutServiceConsumer> logger) : SagaMessageConsumer<ScaleOutService>(services)
{
    /// <inheritdoc />
    protected override async Task HandleAsync(ScaleOutService message, OutboxSession unit, CancellationToken cancellationToken)
    {
        if (await unit.Documents.LoadAsync<ScaleOutState>(ScaleOutState.StreamKey(message.ScaleOutSagaId), cancellationToken) is { } existing)
        {
            if (ScaleOutFinishReport.For(existing) is { } finished)
            {
                unit.Publish(finished);
            }

            return;
        }

        var service = await unit.Documents.LoadAsync<ServiceView>(ServiceView.StreamKey(message.Service), cancellationToken);
        if (Problem(message, service) is { } problem)
        {
            LogRejected(logger, message.ScaleOutSagaId, message.SagaId, problem);
            unit.Publish(new ScaleOutFinished(message.SagaId, message.ScaleOutSagaId, message.Service, "Rejected", [], problem));
            return;
        }

        // Every instance must come up: a requester that replaces instances needs the number it requested.
        var trigger = new ScaleOutTrigger("saga", null, null, null, null, message.RequestedBy, message.SagaId);
        ScaleOutStarter.Start(unit, message.ScaleOutSagaId, service!, message.Count, message.Image, trigger, options.Value);
        LogStarted(logger, message.ScaleOutSagaId, message.Service, message.Count, message.Image, message.SagaId);
    }

    private static string? Problem(ScaleOutService message, ServiceView? service)
    {
        if (service is null)
        {
            return $"Service '{message.Service}' is not declared.";
        }

        if (message.Count is < 1 or > 1000)
        {
            return $"The count is {message.Count}; it must be between 1 and 1000.";
        }

        return string.IsNullOrWhiteSpace(message.Image) ? "The image is empty." : null;
    }

    [LoggerMessage(EventId = 2601, Level = LogLevel.Information, Message = "Started scale-out saga {SagaId} of {Service} for {Count} instances of {Image}, requested by saga {RequesterSagaId}")]
    private static partial void LogStarted(ILogger logger, Guid sagaId, string service, int count, string image, Guid requesterSagaId);

    [LoggerMessage(EventId = 2602, Level = LogLevel.Warning, Message = "Rejected scale-out saga {SagaId} requested by saga {RequesterSagaId}: {Reason}")]
    private static partial void LogRejected(ILogger logger, Guid sagaId, Guid requesterSagaId, string reason);
}
