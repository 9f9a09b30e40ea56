using Surge.Contracts.Backends;
using Surge.LoadBalancer.DataPlane;
using Surge.ServiceDefaults.Messaging;

namespace Surge.LoadBalancer.Measuring;

/// <summary>
/// Starts counting the requests sent to the backends and their failures, and stores the measurement with the counters
/// as they are now. <see cref="MeasurementFinisher"/> replies with <see cref="BackendErrorsMeasured"/> when the window
/// ends, so neither the message nor a transaction is held for the window.
/// </summary>
/// <remarks>A window outside 0 to 1 hour is clamped and logged rather than rejected, because the saga waits for the reply.</remarks>
public sealed partial class MeasureBackendErrorsConsumer(
    ConsumerServices services,
    BackendTraffic traffic,
    MeasurementWatchList watchList,
    ILogger<MeasureBackendErrorsConsumer> logger) : SagaMessageConsumer<MeasureBackendErrors>(services)
{
    /// <inheritdoc />
    protected override Task HandleAsync(MeasureBackendErrors message, OutboxSession unit, CancellationToken cancellationToken)
    {
        // The inbox already drops a redelivered request, and keying the measurement by the request makes a second one
        // overwrite rather than add.
        var id = Guid.TryParse(unit.CausationId, out var messageId) ? messageId : Guid.NewGuid();
        var window = MeasurementWindowLimits.Clamp(message.Window);
        if (window != message.Window)
        {
            LogWindowClamped(logger, message.Window, message.SagaId, window);
        }

        var instanceIds = message.InstanceIds.Distinct().ToArray();
        var measurement = new PendingMeasurement(
            id,
            message.SagaId,
            message.Service,
            instanceIds,
            unit.Now + window,
            traffic.RunId,
            traffic.Read(message.Service, instanceIds),
            unit.CorrelationId);
        unit.Documents.Store(measurement);
        unit.Documents.Listeners.Add(new MeasurementCommitListener(watchList, measurement));
        LogStarted(logger, instanceIds.Length, message.Service, message.SagaId, measurement.Until);
        return Task.CompletedTask;
    }

    [LoggerMessage(EventId = 5050, Level = LogLevel.Information, Message = "Measuring errors of {BackendCount} backends of service {Service} for saga {SagaId} until {Until}")]
    private static partial void LogStarted(ILogger logger, int backendCount, string service, Guid sagaId, DateTimeOffset until);

    [LoggerMessage(EventId = 5051, Level = LogLevel.Warning, Message = "Measurement window {Requested} of saga {SagaId} is outside 0 to 1 hour; using {Used}")]
    private static partial void LogWindowClamped(ILogger logger, TimeSpan requested, Guid sagaId, TimeSpan used);
}
