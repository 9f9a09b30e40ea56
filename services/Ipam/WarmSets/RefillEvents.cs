using Surge.Ipam.Subnets;

namespace Surge.Ipam.WarmSets;

/// <summary>How a refill's planned claims and releases are written to the subnet's stream.</summary>
public static class RefillEvents
{
    /// <summary>
    /// Returns <paramref name="planned"/> with every run of two or more claims as one <see cref="AddressBlocksClaimed"/>
    /// and every run of two or more releases as one <see cref="AddressBlocksReleased"/>. Runs keep their order, so a
    /// block given back and claimed again in one plan folds as it was decided.
    /// </summary>
    public static IReadOnlyList<object> Grouped(IReadOnlyList<object> planned)
    {
        var grouped = new List<object>();
        for (var start = 0; start < planned.Count;)
        {
            var end = start + 1;
            while (end < planned.Count && planned[end].GetType() == planned[start].GetType())
            {
                end++;
            }

            var run = planned.Skip(start).Take(end - start).ToList();
            grouped.AddRange(run switch
            {
                [_, _, ..] when run[0] is AddressBlockClaimed => [new AddressBlocksClaimed([.. run.Cast<AddressBlockClaimed>()])],
                [_, _, ..] when run[0] is AddressBlockReleased => [new AddressBlocksReleased([.. run.Cast<AddressBlockReleased>()])],
                _ => run,
            });
            start = end;
        }

        return grouped;
    }
}
