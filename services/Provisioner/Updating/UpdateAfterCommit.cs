using Marten;
using Marten.Services;

namespace Surge.Provisioner.Updating;

/// <summary>
/// Hands updates to the <see cref="InstanceUpdater"/> once the transaction that requested them committed, so no instance
/// restarts for an update the store does not hold.
/// </summary>
public sealed class UpdateAfterCommit(InstanceUpdater updater, IReadOnlyList<InstanceUpdate> updates) : DocumentSessionListenerBase
{
    /// <inheritdoc />
    public override Task AfterCommitAsync(IDocumentSession session, IChangeSet commit, CancellationToken token)
    {
        foreach (var update in updates)
        {
            updater.Update(update);
        }

        return Task.CompletedTask;
    }
}
