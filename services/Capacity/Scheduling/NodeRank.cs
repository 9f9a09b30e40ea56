namespace Surge.Capacity.Scheduling;

/// <summary>A node's place in the scheduler's order: smaller ranks are chosen first, the node name breaking ties.</summary>
internal readonly record struct NodeRank(long First, long Second, long Third, long Fourth, string Name) : IComparable<NodeRank>
{
    public int CompareTo(NodeRank other)
    {
        var compared = First.CompareTo(other.First);
        if (compared == 0)
        {
            compared = Second.CompareTo(other.Second);
        }

        if (compared == 0)
        {
            compared = Third.CompareTo(other.Third);
        }

        if (compared == 0)
        {
            compared = Fourth.CompareTo(other.Fourth);
        }

        return compared != 0 ? compared : string.CompareOrdinal(Name, other.Name);
    }
}
