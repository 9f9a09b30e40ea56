using Surge.LoadBalancer.DataPlane;

namespace Surge.LoadBalancer.Measuring;

/// <summary>
/// A measurement of backend errors that has started and has no reply yet. It is stored so the reply goes out even when
/// the process restarts during its window, and it is deleted in the transaction that publishes the reply.
/// </summary>
/// <param name="Id">The id of the request message, so a redelivered request finds its measurement.</param>
/// <param name="SagaId">The saga that requested the measurement and receives the reply.</param>
/// <param name="Service">The service whose backends are measured.</param>
/// <param name="InstanceIds">The measured backends, listed in the reply.</param>
/// <param name="Until">The end of the window.</param>
/// <param name="RunId">The run of the process whose counters <paramref name="Baseline"/> was read from.</param>
/// <param name="Baseline">The counters of the backends when the window started.</param>
/// <param name="CorrelationId">The correlation id of the request, carried by the reply.</param>
public sealed record PendingMeasurement(
    Guid Id,
    Guid SagaId,
    string Service,
    IReadOnlyList<Guid> InstanceIds,
    DateTimeOffset Until,
    Guid RunId,
    TrafficCount Baseline,
    string CorrelationId)
{
    /// <summary>
    /// Returns what the window counted, from <paramref name="current"/>, a reading of the counters of run
    /// <paramref name="runId"/>. When the process restarted during the window, its counters began again at 0, so the result
    /// is what was counted since the restart.
    /// </summary>
    public TrafficCount Result(TrafficCount current, Guid runId) => runId == RunId ? current.Since(Baseline) : current;
}
