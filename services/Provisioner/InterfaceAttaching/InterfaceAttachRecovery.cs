using Marten;
using Surge.Provisioner.NetworkInterfaces;
using Surge.Provisioner.Querying;

namespace Surge.Provisioner.InterfaceAttaching;

/// <summary>
/// Resumes the attaches a previous run of this process left in progress. Each completes at the time its request
/// recorded, so an attach that fell due while the process was down completes at once.
/// </summary>
public sealed partial class InterfaceAttachRecovery(IDocumentStore store, InterfaceAttacher attacher, ILogger<InterfaceAttachRecovery> logger) : IHostedService
{
    /// <inheritdoc />
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var session = store.QuerySession();
        var attaching = await session.Query<NetworkInterfaceView>()
            .Where(view => view.Status == NetworkInterfaceStatus.Attaching)
            .OrderBy(view => view.AttachDueAt)
            .ToListAsync(cancellationToken);

        LogRecovering(logger, attaching.Count);
        foreach (var view in attaching)
        {
            attacher.Start(InterfaceAttachWork.From(view));
        }
    }

    /// <inheritdoc />
    /// <remarks>The attacher's work stops with the application; its interfaces stay attaching in the store for the next start.</remarks>
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(EventId = LogEventIds.InterfaceRecovery + 1, Level = LogLevel.Information, Message = "Recovering network interfaces after a start: {AttachingCount} attaches to complete")]
    private static partial void LogRecovering(ILogger logger, int attachingCount);
}
