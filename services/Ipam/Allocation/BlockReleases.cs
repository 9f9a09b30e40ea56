using Marten;
using Surge.Ipam.Blocks;

namespace Surge.Ipam.Allocation;

/// <summary>Releases held addresses in the address ledger; used by sagas' releases, the API and reconciliation.</summary>
public static class BlockReleases
{
    /// <summary>
    /// Stages an <see cref="AddressReleased"/> for each holding whose instance still holds it, and returns what was
    /// released. The caller's transaction must hold <see cref="AddressSpaceLock"/>, and the caller
    /// <see cref="AddressLedger.EnterAsync"/> with the ledger caught up.
    /// </summary>
    public static IReadOnlyList<(AddressHolding Holding, AddressReleased Event)> Release(
        IDocumentSession session,
        AddressLedger ledger,
        IReadOnlyList<AddressHolding> holdings,
        string reason,
        DateTimeOffset? quarantinedUntil,
        DateTimeOffset at)
    {
        var states = new Dictionary<string, BlockState>(StringComparer.Ordinal);
        var released = new List<(AddressHolding, AddressReleased)>();
        foreach (var holding in holdings)
        {
            var key = BlockState.Key(holding.Subnet, holding.Block);
            var state = states.GetValueOrDefault(key) ?? ledger.Block(key);
            if (state is not null && BlockDecider.Release(state, holding.InstanceId, reason, quarantinedUntil, at) is { } @event)
            {
                states[key] = BlockDecider.Evolve(state, @event)!;
                released.Add((holding, @event));
            }
        }

        if (released.Count > 0)
        {
            ledger.Stage(session, [.. released.Select(entry => (BlockState.Key(entry.Item1.Subnet, entry.Item1.Block), (BlockEvent)entry.Item2))]);
        }

        return released;
    }
}
