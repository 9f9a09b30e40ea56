using Surge.Contracts.Backends;
using Surge.LoadBalancer.DataPlane;
using Surge.ServiceDefaults.Messaging;

namespace Surge.LoadBalancer.Measuring;

/// <summary>Replies to a measurement in its own unit of work: deletes it and publishes <see cref="BackendErrorsMeasured"/> in one transaction.</summary>
public sealed partial class MeasurementCompletion(OutboxSessionFactory sessions, BackendTraffic traffic, ILogger<MeasurementCompletion> logger)
{
    /// <summary>Replies to the measurement and returns true, or returns false when the store no longer contains it because the reply went out already.</summary>
    public async Task<bool> FinishAsync(PendingMeasurement measurement, CancellationToken cancellationToken)
    {
        await using var unit = sessions.Open(measurement.CorrelationId, measurement.Id.ToString("N"), handling: nameof(MeasureBackendErrors));
        var stored = await unit.Documents.LoadAsync<PendingMeasurement>(measurement.Id, cancellationToken);
        if (stored is null)
        {
            return false;
        }

        var result = stored.Result(traffic.Read(stored.Service, stored.InstanceIds), traffic.RunId);
        unit.Documents.Delete(stored);
        unit.Publish(new BackendErrorsMeasured(stored.SagaId, stored.Service, stored.InstanceIds, result.Requests, result.Failed));
        await unit.CommitAsync(cancellationToken);

        if (stored.RunId != traffic.RunId)
        {
            LogMeasuredSinceRestart(logger, stored.SagaId, stored.Service, result.Requests, result.Failed);
        }
        else
        {
            LogMeasured(logger, stored.SagaId, stored.Service, result.Requests, result.Failed);
        }

        return true;
    }

    [LoggerMessage(EventId = 5052, Level = LogLevel.Information, Message = "Measured errors for saga {SagaId} in service {Service}: {FailedCount} of {RequestCount} requests failed")]
    private static partial void LogMeasured(ILogger logger, Guid sagaId, string service, long requestCount, long failedCount);

    [LoggerMessage(EventId = 5053, Level = LogLevel.Warning, Message = "Measured errors for saga {SagaId} in service {Service} only since this process started, because it restarted during the window: {FailedCount} of {RequestCount} requests failed")]
    private static partial void LogMeasuredSinceRestart(ILogger logger, Guid sagaId, string service, long requestCount, long failedCount);
}
