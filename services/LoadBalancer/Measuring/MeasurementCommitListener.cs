using Marten;
using Marten.Services;

namespace Surge.LoadBalancer.Measuring;

/// <summary>Watches a measurement once the transaction that stored it committed, so no reply goes out for a measurement the store does not contain.</summary>
public sealed class MeasurementCommitListener(MeasurementWatchList watchList, PendingMeasurement measurement) : DocumentSessionListenerBase
{
    /// <inheritdoc />
    public override Task AfterCommitAsync(IDocumentSession session, IChangeSet commit, CancellationToken token)
    {
        watchList.Add(measurement);
        return Task.CompletedTask;
    }
}
