using Marten;
using Marten.Services;
using Surge.Provisioner.Providers;

namespace Surge.Provisioner.Starting;

/// <summary>
/// Hands instances to the <see cref="InstanceStarter"/> once the transaction that requested them committed, so no start
/// runs for an instance the store does not hold.
/// </summary>
public sealed class StartAfterCommit(InstanceStarter starter, IReadOnlyList<InstanceLaunch> launches) : DocumentSessionListenerBase
{
    /// <inheritdoc />
    public override Task AfterCommitAsync(IDocumentSession session, IChangeSet commit, CancellationToken token)
    {
        foreach (var launch in launches)
        {
            starter.Start(launch);
        }

        return Task.CompletedTask;
    }
}
