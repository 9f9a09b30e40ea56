using MassTransit;
using Microsoft.Extensions.Options;
using Surge.Capacity.ScaleOut;
using Surge.Contracts;
using Surge.Contracts.Addresses;
using Surge.Contracts.Backends;
using Surge.Contracts.Instances;
using Surge.ServiceDefaults.Messaging;

namespace Surge.Capacity.ScaleIn;

/// <summary>
/// Records that a participant gave up on one of a scale-in saga's commands after its retries. Before stopping, the saga
/// aborts and restores the victims; after, it records the failure and goes on with the next step.
/// </summary>
public sealed partial class ScaleInFaultConsumer<TCommand>(
    ConsumerServices services,
    IOptions<SagaOptions> sagaOptions,
    IOptions<ScaleInOptions> scaleInOptions,
    ILogger<ScaleInFaultConsumer<TCommand>> logger)
    : TransactionalConsumer<Fault<TCommand>>(services)
    where TCommand : class, ISagaMessage
{
    /// <inheritdoc />
    protected override string PartitionKey(Fault<TCommand> message) => message.Message.SagaId.ToString();

    /// <inheritdoc />
    protected override async Task HandleAsync(Fault<TCommand> message, OutboxSession unit, CancellationToken cancellationToken)
    {
        var sagaId = message.Message.SagaId;
        var stream = await unit.Documents.Events.FetchForWriting<ScaleInState>(ScaleInState.StreamKey(sagaId), cancellationToken);
        if (stream.Aggregate is null)
        {
            return;
        }

        var cause = message.Exceptions.FirstOrDefault();
        var reason = $"{message.Host?.ProcessName ?? "A participant"} could not process {typeof(TCommand).Name} after its retries: {cause?.ExceptionType} {cause?.Message}";
        LogFault(logger, sagaId, typeof(TCommand).Name, reason);

        var timeouts = ScaleInTimeouts.From(sagaOptions.Value, scaleInOptions.Value);
        var events = ScaleInDecider.Decide(stream.Aggregate, new StepFaulted(StepOf(typeof(TCommand)), reason), unit.Now, timeouts);
        await ScaleInRecorder.RecordAsync(unit, stream, events, cancellationToken);
    }

    private static string StepOf(Type command) => command.Name switch
    {
        nameof(DrainBackends) => ScaleInDecider.Steps.Drain,
        nameof(StopInstances) => ScaleInDecider.Steps.Instances,
        nameof(ReleaseAddresses) => ScaleInDecider.Steps.Addresses,
        _ => throw new InvalidOperationException($"No scale-in step sends {command.Name}."),
    };

    [LoggerMessage(EventId = 2505, Level = LogLevel.Warning, Message = "Scale-in saga {SagaId}: {Command} faulted: {Reason}")]
    private static partial void LogFault(ILogger logger, Guid sagaId, string command, string reason);
}
