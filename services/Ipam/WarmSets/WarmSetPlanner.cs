using Surge.Ipam.Blocks;
using Surge.Ipam.Subnets;

namespace Surge.Ipam.WarmSets;

/// <summary>Decides which blocks to claim so every node keeps its warm set, and which empty blocks to give back.</summary>
public static class WarmSetPlanner
{
    /// <summary>
    /// Returns the subnet events that bring each node's warm set back to the subnet's levels at <paramref name="now"/>.
    /// A node is refilled once its free addresses in ready blocks fall below the minimum, with blocks until it has at
    /// least the target; an eni node, one interface at a time, whenever it is below the target. A node the subnet no
    /// longer serves gets no new block and gives back every empty one. A node with an
    /// interface still being attached waits for it, and one whose last attach failed waits out the pause. A node with an empty block it
    /// could give back and still keep the target gives it back, so warm sets do not grow without bound. The nodes kept
    /// warm are those the subnet names and those that already have blocks, which includes every pool node that got
    /// an address here.
    /// </summary>
    public static IReadOnlyList<object> Plan(Subnet subnet, IReadOnlyList<BlockState> blocks, DateTimeOffset now)
    {
        var events = new List<object>();
        var state = subnet;
        var byCidr = blocks.ToDictionary(block => block.Cidr, StringComparer.Ordinal);
        var warm = subnet.EffectiveLayout.Warm;

        // Claims are planned against one state and folded in only before a release, which must see them: a new
        // state per claim would copy the subnet's block list once per claim, and a refill can claim thousands.
        var planned = new PlannedClaims();
        var unfolded = new List<AddressBlockClaimed>();

        foreach (var node in KeptWarm(subnet))
        {
            // An eni node gets one interface at a time, each after seconds of attaching, so it is refilled while it
            // is below the target. In the other modes one refill reaches the target at once.
            var free = FreeOn(state, node, byCidr, now);
            var eni = state.EffectiveLayout.Mode == NetworkModes.Eni;
            var target = StillServed(state, node) ? warm.Target : 0;
            var wantsMore = target > 0 && (eni ? free < target : free < warm.Minimum);
            if (wantsMore && !state.BlocksOf(node).Any(block => !block.Ready) && state.MayClaimFor(node, now))
            {
                while (free < target && SubnetDecider.ClaimBlock(state, node, now, planned) is { } claimed)
                {
                    events.Add(claimed);
                    unfolded.Add(claimed);
                    if (!claimed.Ready)
                    {
                        break;
                    }

                    free += (int)state.CountUsable(Addressing.AddressBlock.Parse(claimed.Cidr));
                }

                continue;
            }

            foreach (var block in state.BlocksOf(node).Reverse().ToList())
            {
                var usable = (int)state.CountUsable(block.ToBlock());
                if (block.Ready && IsEmpty(byCidr.GetValueOrDefault(block.Cidr), now) && free - usable >= target)
                {
                    var released = new AddressBlockReleased(block.Cidr, target == 0
                        ? $"the subnet no longer serves node '{node}'"
                        : $"node '{node}' keeps {free - usable} free addresses without it, at or above the warm target {warm.Target}");
                    events.Add(released);
                    if (unfolded.Count > 0)
                    {
                        state = SubnetDecider.Evolve(state, new AddressBlocksClaimed([.. unfolded]))!;
                        unfolded.Clear();
                        planned = new PlannedClaims();
                    }

                    state = SubnetDecider.Evolve(state, released)!;
                    free -= usable;
                }
            }
        }

        return events;
    }

    // A subnet that serves pools may serve any node, because Ipam does not know which nodes are in a pool. A subnet
    // that only names its nodes serves exactly those, so a node taken out of it keeps no warm set there.
    private static bool StillServed(Subnet subnet, string node) => subnet.Pools.Count > 0 || subnet.NamesNode(node);

    private static IEnumerable<string> KeptWarm(Subnet subnet) =>
        subnet.Nodes
            .Concat(subnet.EffectiveLayout.Racks.SelectMany(rack => rack.Nodes))
            .Concat(subnet.Blocks.Select(block => block.Node))
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal);

    private static int FreeOn(Subnet subnet, string node, Dictionary<string, BlockState> blocks, DateTimeOffset now) =>
        subnet.BlocksOf(node)
            .Where(block => block.Ready && subnet.Allows(block))
            .Sum(block => blocks.TryGetValue(block.Cidr, out var state)
                ? BlockDecider.CountFree(state, subnet, now)
                : (int)subnet.CountUsable(block.ToBlock()));

    // A block with an address in quarantine stays, so the quarantine keeps the address away from every other node too.
    /// <summary>Returns whether the block contains no address, allocated or in quarantine at <paramref name="now"/>.</summary>
    public static bool IsEmpty(BlockState? block, DateTimeOffset now) =>
        block is null || (block.Allocations.Count == 0 && block.QuarantinedAt(now) == 0);
}
