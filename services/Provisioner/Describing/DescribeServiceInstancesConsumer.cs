using Marten;
using Surge.Contracts.Instances;
using Surge.Provisioner.Instances;
using Surge.Provisioner.Querying;
using Surge.ServiceDefaults.Messaging;

namespace Surge.Provisioner.Describing;

/// <summary>
/// Replies with the running instances of a service, ordered by instance id, each with its node, address, image and
/// endpoint. An instance being updated is listed with the image it ran before the update.
/// </summary>
public sealed partial class DescribeServiceInstancesConsumer(ConsumerServices services, ILogger<DescribeServiceInstancesConsumer> logger)
    : SagaMessageConsumer<DescribeServiceInstances>(services)
{
    /// <inheritdoc />
    protected override async Task HandleAsync(DescribeServiceInstances message, OutboxSession unit, CancellationToken cancellationToken)
    {
        var views = await unit.Documents.Query<InstanceView>()
            .Where(view => view.Service == message.Service && view.Status == InstanceStatus.Started)
            .ToListAsync(cancellationToken);

        var running = views
            .OrderBy(view => view.InstanceId)
            .Select(view => new RunningInstance(view.InstanceId, view.Node, view.Address, view.Image, view.Endpoint!))
            .ToArray();
        unit.Publish(new ServiceInstancesDescribed(message.SagaId, message.Service, running));
        LogDescribed(logger, message.Service, running.Length, message.SagaId);
    }

    [LoggerMessage(EventId = LogEventIds.DescribeConsumer + 1, Level = LogLevel.Information, Message = "Described {Count} running instances of {Service} for saga {SagaId}")]
    private static partial void LogDescribed(ILogger logger, string service, int count, Guid sagaId);
}
