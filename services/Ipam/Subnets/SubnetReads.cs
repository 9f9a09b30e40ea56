using Marten;
using Surge.Ipam.Blocks;

namespace Surge.Ipam.Subnets;

/// <summary>Reads subnets together with their blocks' states, for reports, utilisation and reconciliation.</summary>
public static class SubnetReads
{
    /// <summary>Loads the blocks claimed in the subnets, keyed by subnet name; a subnet without blocks maps to an empty list.</summary>
    public static async Task<Dictionary<string, IReadOnlyList<BlockState>>> BlocksOfAsync(IQuerySession session, IReadOnlyCollection<Subnet> subnets, CancellationToken cancellationToken)
    {
        var names = subnets.Select(subnet => subnet.Name).ToArray();
        var loaded = await session.Query<BlockState>().Where(block => names.Contains(block.Subnet)).ToListAsync(cancellationToken);

        // A released block keeps its document until it is claimed again, so only the blocks the subnet lists count.
        return subnets.ToDictionary(
            subnet => subnet.Name,
            subnet => (IReadOnlyList<BlockState>)[.. loaded.Where(block => block.Subnet == subnet.Name && subnet.Blocks.Any(claimed => claimed.Cidr == block.Cidr))],
            StringComparer.Ordinal);
    }
}
