using Marten;
using Microsoft.Extensions.Options;
using Surge.Capacity.Nodes;
using Surge.Capacity.ScaleIn;
using Surge.Capacity.ScaleOut;
using Surge.Capacity.ServiceCatalog;
using Surge.Contracts.Scaling;
using Surge.ServiceDefaults.Messaging;

namespace Surge.Capacity.Requests;

/// <summary>
/// Starts the scale-in saga that another saga requests, removing exactly the instances it names, under the id that saga
/// chose. A redelivered request starts nothing. A request naming no removable instance gets a <c>Rejected</c> report
/// at once; one naming some unknown instances removes the others, and its report lists what was removed.
/// </summary>
public sealed partial class ScaleInInstancesConsumer(
    ConsumerServices services,
    IOptions<SagaOptions> sagaOptions,
    IOptions<ScaleInOptions> scaleInOptions,
    ILogger<ScaleInInstancesConsumer> logger) : TransactionalConsumer<ScaleInInstances>(services)
{
    /// <summary>Uses the key the scale-in API locks, so two scale-ins of one service in this process choose one after the other.</summary>
    protected override string PartitionKey(ScaleInInstances message) => $"scale-in/{message.Service}";

    /// <inheritdoc />
    protected override async Task HandleAsync(ScaleInInstances message, OutboxSession unit, CancellationToken cancellationToken)
    {
        if (await unit.Documents.LoadAsync<ScaleInState>(ScaleInState.StreamKey(message.ScaleInSagaId), cancellationToken) is { } existing)
        {
            if (ScaleInFinishReport.For(existing) is { } finished)
            {
                unit.Publish(finished);
            }

            return;
        }

        var service = await unit.Documents.LoadAsync<ServiceView>(ServiceView.StreamKey(message.Service), cancellationToken);
        if (service is null)
        {
            Reject(unit, message, $"Service '{message.Service}' is not declared.");
            return;
        }

        var nodes = await unit.Documents.Query<NodeView>().ToListAsync(cancellationToken);
        var endpoints = await ScaleInEndpoints.EndpointsAsync(unit.Documents, service.Name, cancellationToken);
        var (victims, unknown) = VictimChooser.Named(service.Name, service.Spec.Pool, message.InstanceIds, nodes, endpoints);
        if (victims.Count == 0)
        {
            Reject(unit, message, $"None of the {message.InstanceIds.Count} instances is a running instance of '{message.Service}' that no other scale-in removes.");
            return;
        }

        if (unknown.Count > 0)
        {
            LogUnknownSkipped(logger, message.ScaleInSagaId, unknown.Count, string.Join(", ", unknown));
        }

        var drainTimeout = scaleInOptions.Value.DefaultDrainTimeout;
        var requested = new ScaleInRequested(message.ScaleInSagaId, service.Name, service.Spec.Pool, victims.Count, victims, drainTimeout,
            message.RequestedBy, unit.Now, unit.Now + drainTimeout + sagaOptions.Value.BackendTimeout, message.SagaId);
        await ScaleInRecorder.StartAsync(unit, requested, cancellationToken);
        LogStarted(logger, message.ScaleInSagaId, message.Service, victims.Count, message.SagaId);
    }

    private void Reject(OutboxSession unit, ScaleInInstances message, string reason)
    {
        LogRejected(logger, message.ScaleInSagaId, message.SagaId, reason);
        unit.Publish(new ScaleInFinished(message.SagaId, message.ScaleInSagaId, message.Service, "Rejected", [], reason));
    }

    [LoggerMessage(EventId = 2603, Level = LogLevel.Information, Message = "Started scale-in saga {SagaId} of {Service} for {Count} named instances, requested by saga {RequesterSagaId}")]
    private static partial void LogStarted(ILogger logger, Guid sagaId, string service, int count, Guid requesterSagaId);

    [LoggerMessage(EventId = 2604, Level = LogLevel.Warning, Message = "Rejected scale-in saga {SagaId} requested by saga {RequesterSagaId}: {Reason}")]
    private static partial void LogRejected(ILogger logger, Guid sagaId, Guid requesterSagaId, string reason);

    [LoggerMessage(EventId = 2605, Level = LogLevel.Warning, Message = "Scale-in saga {SagaId} skips {Count} named instances that are not running instances of the service: {InstanceIds}")]
    private static partial void LogUnknownSkipped(ILogger logger, Guid sagaId, int count, string instanceIds);
}
