using MassTransit;
using Microsoft.Extensions.Options;
using Surge.Contracts;
using Surge.Contracts.Addresses;
using Surge.Contracts.Backends;
using Surge.Contracts.Degradation;
using Surge.Contracts.Instances;
using Surge.Contracts.Placement;
using Surge.ServiceDefaults.Messaging;

namespace Surge.Capacity.ScaleOut;

/// <summary>
/// Records that a participant gave up on one of the saga's commands after its bounded retries: MassTransit moved the
/// command to the participant's error queue with the exception and published this fault. The saga fails the step and
/// compensates, or abandons the undo step it was waiting for.
/// </summary>
public sealed partial class ScaleOutFaultConsumer<TCommand>(ConsumerServices services, IOptions<SagaOptions> options, ILogger<ScaleOutFaultConsumer<TCommand>> logger)
    : TransactionalConsumer<Fault<TCommand>>(services)
    where TCommand : class, ISagaMessage
{
    /// <inheritdoc />
    protected override string PartitionKey(Fault<TCommand> message) => message.Message.SagaId.ToString();

    /// <inheritdoc />
    protected override async Task HandleAsync(Fault<TCommand> message, OutboxSession unit, CancellationToken cancellationToken)
    {
        var sagaId = message.Message.SagaId;
        var stream = await unit.Documents.Events.FetchForWriting<ScaleOutState>(ScaleOutState.StreamKey(sagaId), cancellationToken);
        if (stream.Aggregate is null)
        {
            return;
        }

        var cause = message.Exceptions.FirstOrDefault();
        var reason = $"{message.Host?.ProcessName ?? "A participant"} could not process {typeof(TCommand).Name} after its retries: {cause?.ExceptionType} {cause?.Message}";
        LogFault(logger, sagaId, typeof(TCommand).Name, reason);

        var (step, isUndo) = StepOf(message.Message);
        var faulted = new StepFaulted(step, reason, isUndo, UndoInstances(message.Message));
        var events = ScaleOutDecider.Decide(stream.Aggregate, faulted, unit.Now, options.Value);
        await ScaleOutRecorder.RecordAsync(unit, stream, events, cancellationToken);
    }

    // A degradation switch is the forward step when it switches on and the undo step when it switches off. A failed
    // "on" fails nothing: the saga goes on adding capacity without degrading.
    private static (string Step, bool IsUndo) StepOf(TCommand command) => command is SwitchDegradation degradation
        ? (ScaleOutDecider.Steps.Degradation, !degradation.On)
        : StepOf(typeof(TCommand));

    private static (string Step, bool IsUndo) StepOf(Type command) => command.Name switch
    {
        nameof(PlaceInstances) => (ScaleOutDecider.Steps.Placement, false),
        nameof(Surge.Contracts.Nodes.ProvisionNodes) => (ScaleOutDecider.Steps.Overflow, false),
        nameof(AllocateAddresses) => (ScaleOutDecider.Steps.Addresses, false),
        nameof(ReleaseAddresses) => (ScaleOutDecider.Steps.Addresses, true),
        nameof(StartInstances) => (ScaleOutDecider.Steps.Instances, false),
        nameof(StopInstances) => (ScaleOutDecider.Steps.Instances, true),
        nameof(RegisterBackends) => (ScaleOutDecider.Steps.Backends, false),
        nameof(DeregisterBackends) => (ScaleOutDecider.Steps.Backends, true),
        _ => throw new InvalidOperationException($"No saga step sends {command.Name}."),
    };

    private static IReadOnlyList<Guid>? UndoInstances(TCommand command) => command switch
    {
        ReleaseAddresses release => release.InstanceIds,
        StopInstances stop => stop.InstanceIds,
        DeregisterBackends deregister => deregister.InstanceIds,
        _ => null,
    };

    [LoggerMessage(EventId = 2301, Level = LogLevel.Warning, Message = "Scale-out saga {SagaId}: {Command} faulted: {Reason}")]
    private static partial void LogFault(ILogger logger, Guid sagaId, string command, string reason);
}
