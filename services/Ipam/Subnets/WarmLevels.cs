namespace Surge.Ipam.Subnets;

/// <summary>How many free addresses each node keeps ready, so an instance never waits for one.</summary>
/// <param name="Minimum">Below this many free addresses on a node, Ipam claims another block for it in the background.</param>
/// <param name="Target">Ipam claims blocks until the node has at least this many free addresses.</param>
public sealed record WarmLevels(int Minimum, int Target)
{
    /// <summary>The levels of a subnet whose specification leaves them out.</summary>
    public static WarmLevels Default { get; } = new(2, 8);
}
