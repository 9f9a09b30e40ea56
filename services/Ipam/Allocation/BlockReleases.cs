using Marten;
using Surge.Ipam.Blocks;

namespace Surge.Ipam.Allocation;

/// <summary>Releases held addresses in their blocks' streams; used by sagas' releases and by reconciliation.</summary>
public static class BlockReleases
{
    /// <summary>
    /// Appends an <see cref="AddressReleased"/> to the block of each holding whose instance still holds it, and returns
    /// what was released. The caller's transaction must hold <see cref="AddressSpaceLock"/>.
    /// </summary>
    public static async Task<IReadOnlyList<(AddressHolding Holding, AddressReleased Event)>> ReleaseAsync(
        IDocumentSession session,
        IReadOnlyList<AddressHolding> holdings,
        string reason,
        DateTimeOffset? quarantinedUntil,
        DateTimeOffset at,
        CancellationToken cancellationToken)
    {
        if (holdings.Count == 0)
        {
            return [];
        }

        var keys = holdings.Select(holding => BlockState.StreamKey(holding.Subnet, holding.Block)).Distinct().ToList();
        var streams = (await session.Events.FetchManyForWriting<BlockState>(keys, cancellationToken)).ToDictionary(stream => stream.Key!, StringComparer.Ordinal);
        var released = new List<(AddressHolding, AddressReleased)>();
        foreach (var holding in holdings)
        {
            var stream = streams[BlockState.StreamKey(holding.Subnet, holding.Block)];
            var state = stream.Events.Select(pending => pending.Data).Aggregate(stream.Aggregate, BlockDecider.Evolve);
            if (state is not null && BlockDecider.Release(state, holding.InstanceId, reason, quarantinedUntil, at) is { } @event)
            {
                stream.AppendOne(@event);
                released.Add((holding, @event));
            }
        }

        return released;
    }
}
