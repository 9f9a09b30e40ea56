using Surge.ServiceDefaults.Messaging;

namespace Surge.Ipam.Allocation;

/// <summary>
/// A batch staged in a session but not committed: the replies, the cache update to make once it commits, the basis it
/// was decided on, and the basis a following batch may be decided on before this one commits.
/// </summary>
public sealed class StagedBatch(IReadOnlyList<StagedReply> replies, Action commit, DecisionBasis decidedOn, DecisionBasis? after)
{
    /// <summary>One reply per new request.</summary>
    public IReadOnlyList<StagedReply> Replies { get; } = replies;

    /// <summary>The subnets, versions, blocks and holdings the batch was decided on.</summary>
    public DecisionBasis DecidedOn { get; } = decidedOn;

    /// <summary>The state once this batch commits, for deciding the next batch meanwhile; null when it decided nothing.</summary>
    public DecisionBasis? After { get; } = after;

    /// <summary>Brings the process's cache up to the committed state; call it only after the commit succeeded.</summary>
    public void Commit() => commit();
}

/// <summary>The reply to one allocation request, and its outbox entry when the request came through the broker.</summary>
/// <param name="Reply">An <c>AddressesAllocated</c> or an <c>AddressAllocationRejected</c>.</param>
/// <param name="Holdings">
/// The holding of each instance of the request once the batch commits, empty for a rejection. A caller builds its
/// response from it instead of reading the ledger again, because a release right after the commit may have removed it.
/// </param>
public sealed record StagedReply(string Key, object Reply, OutboxMessage? Outbox, IReadOnlyList<Blocks.AddressHolding> Holdings);
