using JasperFx.Events;
using Surge.Contracts.Instances;
using Surge.Provisioner.Instances;
using Surge.Provisioner.Providers;
using Surge.ServiceDefaults.Messaging;

namespace Surge.Provisioner.Starting;

/// <summary>
/// Stops the listed instances at the provider, in parallel, records each as stopped and replies
/// <see cref="InstancesStopped"/>. Already stopped ids are not stopped again but are confirmed in the reply, and an id
/// whose start request has not arrived is recorded as stopped, so that request starts nothing.
/// </summary>
/// <remarks>
/// A stop the provider fails with <see cref="InstanceStopException"/> fails the message, which is retried and then moved
/// to the error queue, and nothing is recorded for any of the listed instances.
/// NOTE: the provider's stops are awaited without a deadline, so a stop that never answers blocks this message, and every
/// later message of the same saga in this process, until the service shuts down.
/// </remarks>
public sealed partial class StopInstancesConsumer(
    ConsumerServices services,
    InstanceStarter starter,
    IInstanceProvider provider,
    ILogger<StopInstancesConsumer> logger) : SagaMessageConsumer<StopInstances>(services)
{
    /// <inheritdoc />
    protected override async Task HandleAsync(StopInstances message, OutboxSession unit, CancellationToken cancellationToken)
    {
        var stopping = new List<(Guid InstanceId, IEventStream<InstanceState> Stream, IReadOnlyList<object> Events)>();
        foreach (var instanceId in message.InstanceIds.Distinct())
        {
            var stream = await unit.Documents.Events.FetchForWriting<InstanceState>(InstanceStream.Key(instanceId), cancellationToken);
            var state = stream.Aggregate ?? InstanceState.Initial;
            var events = InstanceDecider.Decide(state, new StopInstance(instanceId, message.Reason, message.SagaId), unit.Now);
            if (events is [InstanceStoppedBeforeRequest])
            {
                // Nothing runs yet, so there is nothing to stop at the provider; the record keeps a late request from starting it.
                stream.AppendMany(events);
                LogStoppedBeforeRequest(logger, instanceId, message.Reason);
                continue;
            }

            if (events.Count == 0)
            {
                LogIgnored(logger, instanceId, state.Status);
                continue;
            }

            stopping.Add((instanceId, stream, events));
        }

        foreach (var (instanceId, _, _) in stopping)
        {
            starter.Cancel(instanceId);
        }

        await Task.WhenAll(stopping.Select(entry => provider.StopAsync(entry.InstanceId, cancellationToken)));

        foreach (var (instanceId, stream, events) in stopping)
        {
            stream.AppendMany(events);
            foreach (var updateReply in events.Select(InstanceUpdateReplies.For).OfType<object>())
            {
                unit.Publish(updateReply);
            }

            LogStopped(logger, instanceId, message.Reason);
        }

        // The reply lists every requested id: after this commit none of them runs, whether it was stopped now, earlier,
        // or never started. A saga that compensates waits for it before releasing the addresses.
        unit.Publish(new InstancesStopped(message.SagaId, [.. message.InstanceIds.Distinct()]));
    }

    [LoggerMessage(EventId = LogEventIds.StopConsumer + 1, Level = LogLevel.Information, Message = "Instance {InstanceId} stopped: {Reason}")]
    private static partial void LogStopped(ILogger logger, Guid instanceId, string reason);

    [LoggerMessage(EventId = LogEventIds.StopConsumer + 2, Level = LogLevel.Information, Message = "Ignored the stop of instance {InstanceId} because it is {Status}")]
    private static partial void LogIgnored(ILogger logger, Guid instanceId, InstanceStatus status);

    [LoggerMessage(EventId = LogEventIds.StopConsumer + 3, Level = LogLevel.Information, Message = "Recorded instance {InstanceId} as stopped before its start request arrived, so the request will not start it: {Reason}")]
    private static partial void LogStoppedBeforeRequest(ILogger logger, Guid instanceId, string reason);
}
