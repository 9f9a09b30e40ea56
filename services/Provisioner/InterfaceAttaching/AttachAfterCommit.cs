using Marten;
using Marten.Services;

namespace Surge.Provisioner.InterfaceAttaching;

/// <summary>
/// Hands an attach to the <see cref="InterfaceAttacher"/> once the transaction that recorded its request committed, so
/// no attach completes for an interface the store does not hold.
/// </summary>
public sealed class AttachAfterCommit(InterfaceAttacher attacher, InterfaceAttachWork work) : DocumentSessionListenerBase
{
    /// <inheritdoc />
    public override Task AfterCommitAsync(IDocumentSession session, IChangeSet commit, CancellationToken token)
    {
        attacher.Start(work);
        return Task.CompletedTask;
    }
}
