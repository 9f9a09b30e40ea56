using Surge.LoadBalancer.ListingBackends;
using Surge.LoadBalancer.Pools;

namespace Surge.LoadBalancer.Draining;

/// <summary>A pending drain that this process waits on, with what it needs to finish it and reply.</summary>
/// <param name="Service">The service whose pool contains the drain.</param>
/// <param name="SagaId">The saga that requested the drain.</param>
/// <param name="InstanceIds">The requested instances, listed in the reply.</param>
/// <param name="Until">The drain's deadline.</param>
/// <param name="StartedHere">
/// True when this process committed the drain's start, so its data plane routed the last requests to the instances and
/// its in-flight count can end the drain early. Other processes wait for the deadline.
/// </param>
/// <param name="CorrelationId">The correlation id of the drain request, carried by the reply.</param>
/// <param name="CausationId">The id of the drain request message, the reply's causation.</param>
public sealed record WatchedDrain(
    string Service,
    Guid SagaId,
    IReadOnlyList<Guid> InstanceIds,
    DateTimeOffset Until,
    bool StartedHere,
    string CorrelationId,
    string? CausationId)
{
    /// <summary>Creates the entry for a drain found in the read model, which another process or an earlier run started.</summary>
    public static WatchedDrain FromView(string service, PendingDrainView drain) => new(
        service,
        drain.SagaId,
        drain.InstanceIds,
        drain.Until,
        StartedHere: false,
        drain.CorrelationId ?? drain.SagaId.ToString("N"),
        drain.CausationId);

    /// <summary>
    /// Returns how the drain ends now, or null while it must wait. It ends at its deadline, or earlier when this process
    /// started it and <paramref name="inFlight"/>, the requests this process's data plane still has in flight to the
    /// instances, is 0. A null <paramref name="inFlight"/> means the data plane still routes to one of them.
    /// </summary>
    public FinishDrain? DecideFinish(DateTimeOffset now, int? inFlight)
    {
        if (now >= Until)
        {
            return new FinishDrain(SagaId, DeadlinePassed: true);
        }

        return StartedHere && inFlight == 0 ? new FinishDrain(SagaId, DeadlinePassed: false) : null;
    }

    /// <summary>Returns the entry after a further <see cref="DrainStarted"/> of the same saga that this process committed.</summary>
    public WatchedDrain Extend(DrainStarted started)
    {
        var extended = new PendingDrain(InstanceIds, Until).Extend(started);
        return this with { InstanceIds = extended.InstanceIds, Until = extended.Until, StartedHere = true };
    }
}
