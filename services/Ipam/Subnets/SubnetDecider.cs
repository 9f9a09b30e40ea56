using System.Net;
using Surge.Ipam.Addressing;
using Surge.Ipam.Blocks;
using Surge.ServiceDefaults.Problems;

namespace Surge.Ipam.Subnets;

/// <summary>The subnet aggregate as a decider: <c>Evolve</c> folds its events into state, the other methods decide.</summary>
public static class SubnetDecider
{
    /// <summary>Returns the state after the event; events before <see cref="SubnetDefined"/> leave the state null.</summary>
    public static Subnet? Evolve(Subnet? state, object @event) => (state, @event) switch
    {
        (_, SubnetDefined defined) => new Subnet(
            Subnet.StreamKey(defined.Name), defined.Name, defined.Cidr, defined.Gateway, defined.Pools, defined.Nodes, [], defined.Layout),
        (not null, SubnetChanged changed) => state with
        {
            Cidr = changed.Cidr,
            Gateway = changed.Gateway,
            Pools = changed.Pools,
            Nodes = changed.Nodes,
            Layout = changed.Layout,
        },
        (not null, AddressBlockClaimed claimed) => Claim(state, new NodeBlock(claimed.Cidr, claimed.Node, claimed.Rack, claimed.InterfaceId, claimed.Ready)),
        (not null, AddressBlockReady ready) => state with
        {
            Blocks = [.. state.Blocks.Select(block => block.Cidr == ready.Cidr ? block with { Ready = true } : block)],
        },
        (not null, AddressBlocksClaimed many) => state with
        {
            Blocks = [.. state.Blocks, .. many.Claims.Select(claimed => new NodeBlock(claimed.Cidr, claimed.Node, claimed.Rack, claimed.InterfaceId, claimed.Ready))],
        },
        (not null, AddressBlockReleased released) => Release(state, [released]),
        (not null, AddressBlocksReleased many) => Release(state, many.Releases),
        (not null, AddressConflictFound found) => state with
        {
            Conflicts = [.. state.OpenConflicts.Where(conflict => !conflict.Matches(found.Address, found.InstanceId)), AddressConflict.From(found)],
        },
        (not null, AddressConflictCleared cleared) => state with
        {
            Conflicts = [.. state.OpenConflicts.Where(conflict => !conflict.Matches(cleared.Address, cleared.InstanceId))],
        },
        _ => state,
    };

    /// <summary>Returns the state after all the events, starting from none.</summary>
    public static Subnet? Fold(IEnumerable<object> events) => events.Aggregate((Subnet?)null, Evolve);

    /// <summary>
    /// Defines a new subnet or changes an existing one; an identical definition gives no events. Blocks the new
    /// definition no longer allows are released when they are empty; <paramref name="blocks"/> holds the current state
    /// of the subnet's blocks. Throws <see cref="ResourceConflictException"/> when the change would strand live
    /// allocations or addresses still in quarantine at <paramref name="now"/> (every quarantine counts when it is
    /// null), or make the gateway an allocated address.
    /// </summary>
    public static IReadOnlyList<object> Decide(Subnet? state, DefineSubnet command, IReadOnlyList<BlockState> blocks, DateTimeOffset? now = null)
    {
        var definition = command.Definition;
        if (state is null)
        {
            return [new SubnetDefined(command.Name, definition.Cidr, definition.Gateway, definition.Pools, definition.Nodes, definition.EffectiveLayout)];
        }

        if (state.IsDefinedAs(definition))
        {
            return [];
        }

        var allocations = blocks.SelectMany(block => block.Allocations).ToList();
        if (definition.Cidr != state.Cidr && allocations.Count > 0)
        {
            throw new ResourceConflictException(
                $"Subnet '{state.Name}' has {allocations.Count} live allocation{(allocations.Count == 1 ? "" : "s")}, so its cidr cannot change from {state.Cidr} to {definition.Cidr}. Release those addresses first, or define a new subnet for {definition.Cidr}.");
        }

        var gateways = new[] { definition.Gateway }.Concat(definition.EffectiveLayout.Racks.Select(rack => rack.Gateway)).Where(gateway => gateway is not null);
        if (allocations.FirstOrDefault(allocation => gateways.Contains(allocation.Address)) is { } holder)
        {
            throw new ResourceConflictException(
                $"The new gateway {holder.Address} of subnet '{state.Name}' is allocated to instance {holder.InstanceId}. Choose another gateway, or release that instance's address first.");
        }

        // A gateway takes traffic for the whole subnet, so an address whose last holder may still be in neighbours'
        // caches cannot become one until its quarantine ends, just as no instance gets it before then.
        var quarantined = blocks.SelectMany(block => block.Quarantined).Where(entry => now is not { } at || entry.HoldsAt(at));
        if (quarantined.FirstOrDefault(entry => gateways.Contains(entry.Address)) is { } cooling)
        {
            throw new ResourceConflictException(
                $"The new gateway {cooling.Address} of subnet '{state.Name}' is in quarantine until {cooling.Until:u} after instance {cooling.InstanceId} released it, so caches may still send its traffic to that instance. Choose another gateway, or apply this one after the quarantine ends.");
        }

        var after = Evolve(state, new SubnetChanged(definition.Cidr, definition.Gateway, definition.Pools, definition.Nodes, definition.EffectiveLayout))!;
        var stale = state.Blocks.Where(block => !after.Allows(block)).ToList();
        // A block given back loses its quarantine list, so a block with an address in quarantine stays until it ends.
        var stranded = stale
            .Where(block => blocks.FirstOrDefault(candidate => candidate.Cidr == block.Cidr) is { } held
                && (held.Allocations.Count > 0 || held.Quarantined.Any(entry => now is not { } at || entry.HoldsAt(at))))
            .ToList();
        if (stranded.Count > 0)
        {
            var names = string.Join(", ", stranded.Select(block => $"{block.Cidr} of node '{block.Node}'"));
            throw new ResourceConflictException(
                $"Subnet '{state.Name}' has live allocations or addresses in quarantine in blocks the new definition no longer allows ({names}). Keep the cidr, mode, block size, racks and interfaces those blocks need until their addresses are released and their quarantine has ended.");
        }

        return
        [
            new SubnetChanged(definition.Cidr, definition.Gateway, definition.Pools, definition.Nodes, definition.EffectiveLayout),
            .. stale.Select(block => new AddressBlockReleased(block.Cidr, "the subnet's new definition no longer allows it")),
        ];
    }

    /// <summary>
    /// Claims the lowest free block for the node: from its rack's block in an underlay subnet, from the whole subnet
    /// otherwise. In an eni subnet the block is a new interface that must be attached first, so it is not ready, and
    /// none is claimed once the node has its maximum of interfaces. Returns null when no block is left.
    /// </summary>
    public static AddressBlockClaimed? ClaimBlock(Subnet state, string node, DateTimeOffset now) => ClaimBlock(state, node, now, null);

    /// <summary>
    /// Claims like the overload above, passing over the blocks in <paramref name="planned"/> as taken, and records the
    /// claim there. A refill claims many blocks against one state this way. Only one claim per node may be planned in
    /// an eni subnet, because the interface id is chosen from the node's blocks in <paramref name="state"/>.
    /// </summary>
    public static AddressBlockClaimed? ClaimBlock(Subnet state, string node, DateTimeOffset now, PlannedClaims? planned)
    {
        var layout = state.EffectiveLayout;
        var rack = state.RackOf(node);
        if (layout.Mode == NetworkModes.Underlay && rack is null)
        {
            return null;
        }

        string? interfaceId = null;
        if (layout.Mode == NetworkModes.Eni)
        {
            var interfaces = state.BlocksOf(node).Count();
            if (layout.Interfaces is null || interfaces >= layout.Interfaces.MaxPerNode)
            {
                return null;
            }

            interfaceId = NextInterfaceId(state, node);
        }

        var range = AddressBlock.Parse(rack?.Cidr ?? state.Cidr);
        var cidr = LowestFreeBlock(state, range, layout.BlockPrefixLength, planned);
        return cidr is null ? null : new AddressBlockClaimed(cidr, node, rack?.Name, interfaceId, interfaceId is null, now);
    }

    // One pass over the block list however many blocks go, so a refill that gives back hundreds stays cheap.
    private static Subnet Release(Subnet state, IReadOnlyList<AddressBlockReleased> releases)
    {
        var releasedCidrs = releases.Select(released => released.Cidr).ToHashSet(StringComparer.Ordinal);
        var paused = state.PausedClaims;
        foreach (var released in releases)
        {
            if (released.ClaimsPausedUntil is { } until && state.Blocks.FirstOrDefault(block => block.Cidr == released.Cidr) is { } block)
            {
                paused = [.. (paused ?? []).Where(claim => claim.Node != block.Node), new PausedClaim(block.Node, until)];
            }
        }

        return state with { Blocks = [.. state.Blocks.Where(block => !releasedCidrs.Contains(block.Cidr))], PausedClaims = paused };
    }

    private static Subnet Claim(Subnet state, NodeBlock block)
    {
        IReadOnlyList<NodeBlock> blocks = [.. state.Blocks, block];
        SubnetBlockIndex.Extend(state.Blocks, blocks, block);
        return state with { Blocks = blocks };
    }

    private static string NextInterfaceId(Subnet state, string node)
    {
        var used = state.BlocksOf(node).Select(block => block.InterfaceId).ToHashSet(StringComparer.Ordinal);
        var index = 1;
        while (used.Contains($"{state.Name}-eni-{index}"))
        {
            index++;
        }

        return $"{state.Name}-eni-{index}";
    }

    // Blocks are aligned on their own size, so a block is identified by its index within the range and the lowest
    // free index is found like the lowest free address: in time proportional to the blocks already claimed.
    private static string? LowestFreeBlock(Subnet state, AddressBlock range, int blockPrefixLength, PlannedClaims? planned)
    {
        var hostBits = (range.Family == System.Net.Sockets.AddressFamily.InterNetwork ? 32 : 128) - blockPrefixLength;
        var count = (range.Last - range.First + 1) >> hostBits;
        if (count == 0)
        {
            return null;
        }

        // When every block has the candidates' size, blocks are aligned like them, and a candidate is taken exactly when
        // a claimed block starts at its first address. Blocks of an earlier size are mapped to the candidate that holds
        // their first address instead.
        var index = SubnetBlockIndex.Of(state.Blocks);
        var claimed = index.PrefixLengths.All(length => length == blockPrefixLength)
            ? index.Firsts
            : [.. index.Firsts.Where(first => first >= range.First && first <= range.Last).Select(first => range.First + (((first - range.First) >> hostBits) << hostBits))];
        // A search that starts after planned claims has passed candidates the list's own start may still point
        // below, so it records nothing in the list's index.
        var start = index.ScanStart(range.First, blockPrefixLength);
        var recorded = false;
        if (planned?.NextCandidate(range.First, blockPrefixLength) is { } next && next > start)
        {
            start = next;
            recorded = true;
        }

        for (var candidateIndex = start; candidateIndex < count; candidateIndex++)
        {
            var first = range.First + (candidateIndex << hostBits);
            if (claimed.Contains(first))
            {
                continue;
            }

            // The next search in this list or in one extended from it starts at the first candidate not claimed.
            if (!recorded)
            {
                index.RecordScanStart(range.First, blockPrefixLength, candidateIndex);
                recorded = true;
            }

            if (planned?.Contains(first) == true)
            {
                continue;
            }

            var candidate = AddressBlock.Parse($"{AddressBlock.ToAddress(first, range.Family)}/{blockPrefixLength}");
            if (state.CountUsable(candidate) > 0)
            {
                planned?.Add(range.First, blockPrefixLength, candidateIndex, first);
                return candidate.ToString();
            }
        }

        return null;
    }
}
