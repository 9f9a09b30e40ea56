using Surge.Contracts.Degradation;
using Surge.LoadBalancer.Pools;
using Surge.ServiceDefaults.Messaging;

namespace Surge.LoadBalancer.Degradation;

/// <summary>
/// Switches a service's degradation on or off for a saga and replies with <see cref="DegradationSwitched"/>. The reply
/// goes out after the data plane applied the change: the commit runs <see cref="DegradationCommitListener"/> first.
/// </summary>
public sealed partial class SwitchDegradationConsumer(ConsumerServices services, ILogger<SwitchDegradationConsumer> logger)
    : TransactionalConsumer<SwitchDegradation>(services)
{
    /// <inheritdoc />
    protected override string PartitionKey(SwitchDegradation message) => DegradationStream.Key(message.Service);

    /// <inheritdoc />
    protected override async Task HandleAsync(SwitchDegradation message, OutboxSession unit, CancellationToken cancellationToken)
    {
        if (!ServiceName.IsValid(message.Service))
        {
            // No route can exist under an invalid name, so there is nothing to degrade, but the saga still gets its reply.
            LogInvalidService(logger, message.Service, message.SagaId);
            unit.Publish(new DegradationSwitched(message.SagaId, message.Service, false, false));
            return;
        }

        var (state, version) = await DegradationStream.LoadAsync(unit.Documents, message.Service, cancellationToken);
        var events = DegradationDecider.Decide(state, message);
        DegradationStream.Append(unit.Documents, message.Service, version, events);

        var after = events.Aggregate(state, DegradationSwitch.Evolve);
        var holds = after.Holders.ContainsKey(message.SagaId);
        if (message.On && !holds)
        {
            LogStaleOn(logger, message.Service, message.SagaId);
        }
        else
        {
            LogSwitched(logger, message.Service, message.On ? "on" : "off", message.SagaId, after.Holders.Count, message.Reason);
        }

        unit.Publish(new DegradationSwitched(message.SagaId, message.Service, holds, after.IsOn));
    }

    [LoggerMessage(EventId = 5200, Level = LogLevel.Information, Message = "Degradation of service {Service} switched {Direction} for saga {SagaId}; {HolderCount} sagas hold it on: {Reason}")]
    private static partial void LogSwitched(ILogger logger, string service, string direction, Guid sagaId, int holderCount, string reason);

    [LoggerMessage(EventId = 5201, Level = LogLevel.Warning, Message = "Ignored switching degradation of service {Service} on for saga {SagaId}, which already switched it off")]
    private static partial void LogStaleOn(ILogger logger, string service, Guid sagaId);

    [LoggerMessage(EventId = 5202, Level = LogLevel.Warning, Message = "Replied to the degradation switch of saga {SagaId} without changing anything: service name '{Service}' is invalid")]
    private static partial void LogInvalidService(ILogger logger, string service, Guid sagaId);
}
