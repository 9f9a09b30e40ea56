using Marten;
using Marten.Services;

namespace Surge.LoadBalancer.Degradation;

/// <summary>
/// Applies switched degradation to the data plane right after the transaction that recorded it commits, so the
/// <c>DegradationSwitched</c> reply, which the outbox hands to the broker only after the commit returns, follows the change.
/// </summary>
public sealed partial class DegradationCommitListener(DegradationTable table, ILogger<DegradationCommitListener> logger) : DocumentSessionListenerBase
{
    /// <inheritdoc />
    public override async Task AfterCommitAsync(IDocumentSession session, IChangeSet commit, CancellationToken token)
    {
        if (!commit.GetEvents().Any(stored => stored.Data is DegradationSwitchedOn or DegradationSwitchedOff))
        {
            return;
        }

        try
        {
            await table.ReloadAsync(session.DocumentStore, token);
        }
        catch (Exception exception)
        {
            // The switch is committed; the periodic refresh applies it.
            LogReloadFailed(logger, exception);
        }
    }

    [LoggerMessage(EventId = 5210, Level = LogLevel.Warning, Message = "Applying committed degradation switches to the data plane failed; the periodic refresh will apply them")]
    private static partial void LogReloadFailed(ILogger logger, Exception exception);
}
