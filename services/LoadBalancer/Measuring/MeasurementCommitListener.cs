using Marten;
using Marten.Services;

namespace Surge.LoadBalancer.Measuring;

/// <summary>Watches a measurement once the transaction that stored it committed, so no answer goes out for one the store lacks.</summary>
public sealed class MeasurementCommitListener(MeasurementWatchList watchList, PendingMeasurement measurement) : DocumentSessionListenerBase
{
    /// <inheritdoc />
    public override Task AfterCommitAsync(IDocumentSession session, IChangeSet commit, CancellationToken token)
    {
        watchList.Add(measurement);
        return Task.CompletedTask;
    }
}
