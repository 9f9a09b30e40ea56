using Marten;
using Marten.Services;
using Surge.LoadBalancer.Pools;

namespace Surge.LoadBalancer.Draining;

/// <summary>
/// Watches each drain whose start this process commits. Marten calls it after the commit, so a drain is never marked as
/// started here before its events are stored.
/// </summary>
public sealed class DrainCommitListener(DrainWatchList watchList) : DocumentSessionListenerBase
{
    /// <inheritdoc />
    public override Task AfterCommitAsync(IDocumentSession session, IChangeSet commit, CancellationToken token)
    {
        foreach (var stored in commit.GetEvents())
        {
            if (stored.Data is DrainStarted started)
            {
                watchList.AddStartedHere(BackendPoolStream.ServiceOf(stored.StreamKey!), started, stored.CorrelationId, stored.CausationId);
            }
        }

        return Task.CompletedTask;
    }
}
