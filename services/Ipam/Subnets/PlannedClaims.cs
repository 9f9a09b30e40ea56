namespace Surge.Ipam.Subnets;

/// <summary>
/// Blocks a planner has claimed but not yet folded into the subnet's state, so it can claim a thousand blocks against
/// one state instead of making a new state, with a new block list, after every claim.
/// </summary>
/// <remarks>
/// Blocks are claimed lowest first within a range, so every candidate below the last one claimed is taken or cannot
/// be used, and the next search in that range starts after it.
/// </remarks>
public sealed class PlannedClaims
{
    private readonly HashSet<UInt128> firsts = [];
    private readonly Dictionary<(UInt128 RangeFirst, int PrefixLength), UInt128> nextCandidates = [];

    /// <summary>Returns whether a planned block starts at <paramref name="first"/>.</summary>
    public bool Contains(UInt128 first) => firsts.Contains(first);

    /// <summary>The candidate index a search for a block of <paramref name="prefixLength"/> in the range may start from.</summary>
    public UInt128 NextCandidate(UInt128 rangeFirst, int prefixLength) => nextCandidates.GetValueOrDefault((rangeFirst, prefixLength));

    /// <summary>Records the block at <paramref name="candidateIndex"/> of the range, starting at <paramref name="first"/>, as claimed.</summary>
    public void Add(UInt128 rangeFirst, int prefixLength, UInt128 candidateIndex, UInt128 first)
    {
        firsts.Add(first);
        nextCandidates[(rangeFirst, prefixLength)] = candidateIndex + 1;
    }
}
