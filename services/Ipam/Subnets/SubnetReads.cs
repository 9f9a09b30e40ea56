using Marten;
using Surge.Ipam.Blocks;

namespace Surge.Ipam.Subnets;

/// <summary>Reads subnets together with their blocks' states, for reports, utilisation and reconciliation.</summary>
public static class SubnetReads
{
    /// <summary>
    /// Catches the ledger up and returns the blocks claimed in the subnets, keyed by subnet name; a subnet without
    /// blocks maps to an empty list. Call it without holding <see cref="AddressLedger.EnterAsync"/>.
    /// </summary>
    public static async Task<Dictionary<string, IReadOnlyList<BlockState>>> BlocksOfAsync(IQuerySession session, AddressLedger ledger, IReadOnlyCollection<Subnet> subnets, CancellationToken cancellationToken)
    {
        await ledger.CatchUpAsync(session, null, cancellationToken);
        using var entered = await ledger.EnterAsync(cancellationToken);
        return BlocksOf(ledger, subnets);
    }

    /// <summary>Returns the blocks claimed in the subnets as the ledger holds them; the caller is inside <see cref="AddressLedger.EnterAsync"/>.</summary>
    public static Dictionary<string, IReadOnlyList<BlockState>> BlocksOf(AddressLedger ledger, IReadOnlyCollection<Subnet> subnets) =>
        // A released block keeps its state until it is claimed again, so only the blocks the subnet lists count.
        subnets.ToDictionary(
            subnet => subnet.Name,
            subnet => (IReadOnlyList<BlockState>)[.. subnet.Blocks.Select(block => ledger.Block(BlockState.Key(subnet.Name, block.Cidr))).OfType<BlockState>()],
            StringComparer.Ordinal);
}
