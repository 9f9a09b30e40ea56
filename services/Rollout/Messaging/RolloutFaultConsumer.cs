using MassTransit;
using Microsoft.Extensions.Options;
using Surge.Contracts;
using Surge.Contracts.Backends;
using Surge.Contracts.Instances;
using Surge.Rollout.Saga;
using Surge.Rollout.Storage;
using Surge.ServiceDefaults.Messaging;

namespace Surge.Rollout.Messaging;

/// <summary>
/// Records that a participant gave up on one of a rollout's commands after its bounded retries: MassTransit moved the
/// command to the participant's error queue with the exception and published this fault. The rollout ends the step the
/// command belonged to, as its deadline would, with the reason.
/// </summary>
public sealed partial class RolloutFaultConsumer<TCommand>(ConsumerServices services, IOptions<RolloutOptions> options, ILogger<RolloutFaultConsumer<TCommand>> logger)
    : TransactionalConsumer<Fault<TCommand>>(services)
    where TCommand : class, ISagaMessage
{
    /// <inheritdoc />
    protected override string PartitionKey(Fault<TCommand> message) => message.Message.SagaId.ToString();

    /// <inheritdoc />
    protected override async Task HandleAsync(Fault<TCommand> message, OutboxSession unit, CancellationToken cancellationToken)
    {
        var sagaId = message.Message.SagaId;
        var stream = await unit.Documents.Events.FetchForWriting<RolloutState>(RolloutState.StreamKey(sagaId), cancellationToken);
        if (stream.Aggregate is null)
        {
            return;
        }

        var cause = message.Exceptions.FirstOrDefault();
        var reason = $"{message.Host?.ProcessName ?? "A participant"} could not process {typeof(TCommand).Name} after its retries: {cause?.ExceptionType} {cause?.Message}";
        LogFault(logger, sagaId, typeof(TCommand).Name, reason);

        var events = RolloutDecider.Decide(stream.Aggregate, FaultOf(message.Message, reason), unit.Now, options.Value);
        RolloutRecorder.Record(unit, stream, events);
    }

    private static CommandFaulted FaultOf(TCommand command, string reason) => command switch
    {
        DescribeServiceInstances => new CommandFaulted(RolloutStep.Describe, reason, []),
        UpdateInstances update => new CommandFaulted(RolloutStep.Update, reason, update.InstanceIds),
        SetBackendWeights { Weight: 0 } drain => new CommandFaulted(RolloutStep.Drain, reason, drain.InstanceIds),
        SetBackendWeights restore => new CommandFaulted(RolloutStep.Restore, reason, restore.InstanceIds),
        MeasureBackendErrors measure => new CommandFaulted(RolloutStep.Measure, reason, measure.InstanceIds),
        Contracts.Scaling.ScaleOutService => new CommandFaulted(RolloutStep.Replace, reason, []),
        Contracts.Scaling.ScaleInInstances remove => new CommandFaulted(RolloutStep.Remove, reason, remove.InstanceIds),
        ProbeInstances probe => new CommandFaulted(RolloutStep.Probe, reason, [.. probe.Targets.Select(t => t.InstanceId)], probe.Batch),
        _ => throw new InvalidOperationException($"No rollout step sends {typeof(TCommand).Name}."),
    };

    [LoggerMessage(EventId = LogEventIds.FaultConsumer, Level = LogLevel.Warning, Message = "Rollout {SagaId}: {Command} faulted: {Reason}")]
    private static partial void LogFault(ILogger logger, Guid sagaId, string command, string reason);
}
