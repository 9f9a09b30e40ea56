using Marten;
using Marten.Services;
using Surge.LoadBalancer.Pools;

namespace Surge.LoadBalancer.DataPlane;

/// <summary>
/// Applies pool changes to the data plane right after the transaction that appended them commits. Marten calls it inside
/// <c>SaveChangesAsync</c>, and the outbox hands the transaction's messages to the broker only after that returns, so a
/// <c>BackendsRegistered</c> reply is published after the proxy routes to the new backends, and a <c>BackendsDeregistered</c>
/// reply after it stopped routing to the removed ones.
/// </summary>
public sealed partial class PoolCommitListener(DataPlaneConfig dataPlane, ILogger<PoolCommitListener> logger) : DocumentSessionListenerBase
{
    /// <inheritdoc />
    public override async Task AfterCommitAsync(IDocumentSession session, IChangeSet commit, CancellationToken token)
    {
        if (!commit.GetEvents().Any(stored => stored.Data is BackendAdded or BackendRemoved or BackendWeightChanged or DrainStarted or DrainFinished))
        {
            return;
        }

        try
        {
            await dataPlane.ReloadAsync(session.DocumentStore, token);
        }
        catch (Exception exception)
        {
            // The events are already committed, so throwing would only fail the message, and its reply would then wait for
            // the outbox relay. The periodic refresh applies the change instead.
            LogReloadFailed(logger, exception);
        }
    }

    [LoggerMessage(EventId = 5110, Level = LogLevel.Warning, Message = "Applying committed pool changes to the data plane failed; the periodic refresh will apply them")]
    private static partial void LogReloadFailed(ILogger logger, Exception exception);
}
