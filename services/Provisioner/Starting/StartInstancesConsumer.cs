using Surge.Contracts.Instances;
using Surge.Provisioner.Instances;
using Surge.Provisioner.Providers;
using Surge.Provisioner.Querying;
using Surge.ServiceDefaults.Messaging;

namespace Surge.Provisioner.Starting;

/// <summary>
/// Records each requested instance that is new and starts it in the background after the commit. An instance that is
/// already known gets the reply its state calls for again, because the saga may have missed the first one. A request
/// with a blank field or a non-positive CPU or memory request is recorded as failed and answered at once.
/// </summary>
public sealed partial class StartInstancesConsumer(ConsumerServices services, InstanceStarter starter, ILogger<StartInstancesConsumer> logger)
    : SagaMessageConsumer<StartInstances>(services)
{
    /// <inheritdoc />
    protected override async Task HandleAsync(StartInstances message, OutboxSession unit, CancellationToken cancellationToken)
    {
        var launches = new List<InstanceLaunch>();
        foreach (var spec in message.Instances.DistinctBy(spec => spec.InstanceId))
        {
            if (await RequestAsync(message, spec, unit, cancellationToken) is { } launch)
            {
                launches.Add(launch);
            }
        }

        if (launches.Count > 0)
        {
            unit.Documents.Listeners.Add(new StartAfterCommit(starter, launches));
        }
    }

    private async Task<InstanceLaunch?> RequestAsync(StartInstances message, InstanceSpec spec, OutboxSession unit, CancellationToken cancellationToken)
    {
        var key = InstanceStream.Key(spec.InstanceId);
        var stream = await unit.Documents.Events.FetchForWriting<InstanceState>(key, cancellationToken);
        var state = stream.Aggregate ?? InstanceState.Initial;
        var request = new RequestInstance(
            spec.InstanceId,
            message.SagaId,
            message.Service,
            spec.Node,
            spec.Address,
            message.Shape.Image,
            message.Shape.CpuMillicores,
            message.Shape.MemoryMiB);

        var events = InstanceDecider.Decide(state, request, unit.Now);
        if (events.Count > 0)
        {
            stream.AppendMany(events);
            return LaunchOrReject(InstanceDecider.Fold(state, events), (InstanceRequested)events[0], unit);
        }

        if (InstanceReplies.For(state) is { } reply)
        {
            unit.Publish(reply);
            LogReplyRepeated(logger, spec.InstanceId, state.Status);
            return null;
        }

        // A requested instance whose start no longer runs here (the recording of its outcome failed) is started again.
        if (starter.IsStarting(spec.InstanceId))
        {
            LogStillStarting(logger, spec.InstanceId);
            return null;
        }

        var view = await unit.Documents.LoadAsync<InstanceView>(key, cancellationToken);
        if (view is null)
        {
            return null;
        }

        LogResuming(logger, spec.InstanceId);
        return InstanceLaunch.From(view);
    }

    private InstanceLaunch? LaunchOrReject(InstanceState next, InstanceRequested requested, OutboxSession unit)
    {
        if (next.Status == InstanceStatus.Requested)
        {
            LogRequested(logger, requested.InstanceId, requested.Service, requested.Node, requested.Address);
            return InstanceLaunch.From(requested, unit.CorrelationId);
        }

        LogRejected(logger, requested.InstanceId, next.FailureReason!);
        unit.Publish(InstanceReplies.For(next)!);
        return null;
    }

    [LoggerMessage(EventId = LogEventIds.StartConsumer + 1, Level = LogLevel.Information, Message = "Instance {InstanceId} of {Service} requested on node {Node} with address {Address}")]
    private static partial void LogRequested(ILogger logger, Guid instanceId, string service, string node, string address);

    [LoggerMessage(EventId = LogEventIds.StartConsumer + 2, Level = LogLevel.Information, Message = "Instance {InstanceId} was requested again and is {Status}, so its reply is sent again")]
    private static partial void LogReplyRepeated(ILogger logger, Guid instanceId, InstanceStatus status);

    [LoggerMessage(EventId = LogEventIds.StartConsumer + 3, Level = LogLevel.Information, Message = "Instance {InstanceId} was requested again and is still starting, so its reply follows when it is ready")]
    private static partial void LogStillStarting(ILogger logger, Guid instanceId);

    [LoggerMessage(EventId = LogEventIds.StartConsumer + 4, Level = LogLevel.Warning, Message = "Instance {InstanceId} was requested again and is still requested, but no start of it runs, so it is started again")]
    private static partial void LogResuming(ILogger logger, Guid instanceId);

    [LoggerMessage(EventId = LogEventIds.StartConsumer + 5, Level = LogLevel.Warning, Message = "Instance {InstanceId} was not started: {Reason}")]
    private static partial void LogRejected(ILogger logger, Guid instanceId, string reason);
}
