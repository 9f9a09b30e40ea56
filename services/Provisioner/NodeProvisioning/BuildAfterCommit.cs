using Marten;
using Marten.Services;

namespace Surge.Provisioner.NodeProvisioning;

/// <summary>
/// Hands a request's nodes to the <see cref="CloudNodeBuilder"/> once the transaction that recorded the request
/// committed, so no node is created for a request the store does not hold.
/// </summary>
public sealed class BuildAfterCommit(CloudNodeBuilder builder, CloudNodeWork work) : DocumentSessionListenerBase
{
    /// <inheritdoc />
    public override Task AfterCommitAsync(IDocumentSession session, IChangeSet commit, CancellationToken token)
    {
        builder.Start(work);
        return Task.CompletedTask;
    }
}
