using Surge.Ipam.Blocks;
using Surge.Ipam.Subnets;

namespace Surge.Ipam.WarmSets;

/// <summary>
/// A refill of every subnet decided without the address-space lock: the events of each subnet that needs any, with the
/// version of the subnet's stream the plan read. Allocations wait for that lock, so a refill that plans while holding
/// it stops them for as long as the plan takes. This plan takes the lock only to check and to record.
/// </summary>
/// <remarks>
/// A claim depends only on the subnet: which blocks are taken. A give-back depends also on the block: it must hold no
/// address. Allocations committed after the plan change neither, except that they may fill a block the plan gives
/// back, or leave a node a few addresses short of its target, which the next refill makes up. So the plan is still valid
/// under the lock when no planned subnet's stream moved and every block it gives back is still empty.
/// </remarks>
public sealed record WarmSetRefillPlan(IReadOnlyList<PlannedRefill> Subnets, DateTimeOffset PlannedAt)
{
    /// <summary>
    /// Plans every subnet at <paramref name="now"/> from its blocks' states, keyed by subnet name as
    /// <see cref="SubnetReads.BlocksOf"/> returns them. <paramref name="streamVersions"/> were read before
    /// <paramref name="subnets"/>, so a subnet that changed in between carries an older version than its state and
    /// fails <see cref="IsStillValid"/>. The states are immutable, so the caller leaves the ledger before planning and
    /// allocations need not wait for the plan.
    /// </summary>
    public static WarmSetRefillPlan Decide(
        IReadOnlyCollection<Subnet> subnets,
        IReadOnlyDictionary<string, IReadOnlyList<BlockState>> blocks,
        IReadOnlyDictionary<string, long> streamVersions,
        DateTimeOffset now)
    {
        var planned = new List<PlannedRefill>();
        foreach (var subnet in subnets)
        {
            var events = WarmSetPlanner.Plan(subnet, blocks[subnet.Name], now);
            if (events.Count > 0)
            {
                planned.Add(new PlannedRefill(subnet, streamVersions.GetValueOrDefault(subnet.Id, -1), events));
            }
        }

        return new WarmSetRefillPlan(planned, now);
    }

    /// <summary>
    /// Returns whether the plan may be recorded as it is: every planned subnet's stream is still at the version the plan
    /// read, and every block it gives back still contains no address in <paramref name="ledger"/>, which the caller caught
    /// up under the lock and is inside <see cref="AddressLedger.EnterAsync"/> of.
    /// </summary>
    public bool IsStillValid(IReadOnlyDictionary<string, long> streamVersions, AddressLedger ledger) =>
        Subnets.All(planned =>
            streamVersions.TryGetValue(planned.Subnet.Id, out var version) && version == planned.Version
            && planned.Events.OfType<AddressBlockReleased>().All(released =>
                WarmSetPlanner.IsEmpty(ledger.Block(BlockState.Key(planned.Subnet.Name, released.Cidr)), PlannedAt)));
}

/// <summary>The refill events of one subnet and the version of its stream they were decided on.</summary>
public sealed record PlannedRefill(Subnet Subnet, long Version, IReadOnlyList<object> Events);
