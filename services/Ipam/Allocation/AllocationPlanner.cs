using Surge.Contracts.Addresses;
using Surge.Ipam.Blocks;
using Surge.Ipam.Subnets;

namespace Surge.Ipam.Allocation;

/// <summary>Decides a whole <see cref="AllocateAddresses"/> request at once, so either every instance gets an address or none does.</summary>
public static class AllocationPlanner
{
    /// <summary>
    /// Plans one address per request into <paramref name="space"/>. An instance that already holds an address keeps
    /// it. Otherwise the subnets that name the instance's node come first, then those that serve its pool, each group
    /// by name, and in each the address comes from the first of these that has one:
    /// <list type="number">
    /// <item>the node's own blocks, its warm set: the usual case, a decision on a few addresses;</item>
    /// <item>a new block claimed for the node, when its warm set ran dry before the background refill;</item>
    /// <item>a block of another node that may use it, when no block is left to claim (not in eni subnets, where an
    /// address belongs to an interface of one node).</item>
    /// </list>
    /// When any request cannot be served, the space is left as it was and the rejection says why.
    /// </summary>
    public static AllocationOutcome Plan(AddressSpace space, Guid sagaId, IReadOnlyList<AddressRequest> requests, DateTimeOffset now)
    {
        var checkpoint = space.Checkpoint();
        var assignments = new List<AddressAssignment>(requests.Count);
        foreach (var request in requests)
        {
            if (space.HoldingOf(request.InstanceId) is { } held)
            {
                if (WorksOn(space, held, request) is { } problem)
                {
                    space.Rollback(checkpoint);
                    return AllocationOutcome.Rejected(problem);
                }

                assignments.Add(new AddressAssignment(request.InstanceId, held.Subnet, held.Id));
                continue;
            }

            var candidates = ServingSubnets(space.Subnets, request);
            var assigned = candidates.Count == 0 ? null : TryAllocate(space, candidates, request, sagaId, now);
            if (assigned is null)
            {
                space.Rollback(checkpoint);
                return AllocationOutcome.Rejected(Rejection(candidates, request));
            }

            assignments.Add(assigned);
        }

        return new AllocationOutcome(assignments, null);
    }

    // An instance keeps its address, but only where that address works: on any node the subnet serves in macvlan,
    // in the same rack in underlay, and on the same node in eni, where the address sits on that node's interface.
    private static string? WorksOn(AddressSpace space, AddressHolding held, AddressRequest request)
    {
        if (held.Node == request.Node)
        {
            return null;
        }

        var subnet = space.SubnetNamed(held.Subnet);
        var works = subnet is not null && subnet.Serves(request.Node, request.Pool) && subnet.EffectiveLayout.Mode switch
        {
            NetworkModes.Macvlan => true,
            NetworkModes.Underlay => subnet.RackOf(request.Node) is { } rack && rack.Name == subnet.RackOf(held.Node)?.Name,
            _ => false,
        };
        return works
            ? null
            : $"Instance {request.InstanceId} already holds {held.Id} of subnet '{held.Subnet}' on node '{held.Node}', which does not work on node '{request.Node}'. An instance keeps its address across restarts and in-place updates on its node; to move it, release its address first, then allocate again.";
    }

    private static List<Subnet> ServingSubnets(IReadOnlyList<Subnet> subnets, AddressRequest request)
    {
        var serving = new List<Subnet>(subnets.Count);
        for (var i = 0; i < subnets.Count; i++)
        {
            if (subnets[i].NamesNode(request.Node))
            {
                serving.Add(subnets[i]);
            }
        }

        for (var i = 0; i < subnets.Count; i++)
        {
            if (!subnets[i].NamesNode(request.Node) && subnets[i].Serves(request.Node, request.Pool))
            {
                serving.Add(subnets[i]);
            }
        }

        return serving;
    }

    private static AddressAssignment? TryAllocate(AddressSpace space, List<Subnet> candidates, AddressRequest request, Guid sagaId, DateTimeOffset now)
    {
        foreach (var candidate in candidates)
        {
            var address = FromOwnBlocks(space, candidate, request, sagaId, now)
                ?? FromNewBlock(space, candidate, request, sagaId, now)
                ?? Borrowed(space, candidate, request, sagaId, now);
            if (address is not null)
            {
                return new AddressAssignment(request.InstanceId, candidate.Name, address);
            }
        }

        return null;
    }

    private static string? FromOwnBlocks(AddressSpace space, Subnet subnet, AddressRequest request, Guid sagaId, DateTimeOffset now)
    {
        // A plain loop over an array: this runs for every request. The leading blocks known to have every address
        // allocated are skipped, and so are those an earlier request of the batch passed, because only allocations
        // happened since. The walk counts on from the known full blocks while it finds more.
        var blocks = subnet.BlocksOf(request.Node);
        var keys = subnet.BlockKeysOf(request.Node);
        var known = space.FullBlocks(subnet, request.Node, blocks);
        var full = known;
        for (var i = Math.Max(known, space.ExhaustedBlocks(subnet, request.Node, now)); i < blocks.Count; i++)
        {
            var block = blocks[i];
            if (!block.Ready)
            {
                continue;
            }

            var state = space.Block(subnet, keys[i]);
            if (full == i && BlockDecider.IsAllocatedInFull(state, subnet))
            {
                full = i + 1;
                continue;
            }

            if (!state.IsFullAt(now) && subnet.Allows(block) && AllocateIn(space, subnet, state, request, sagaId, now) is { } address)
            {
                RecordWalk(space, subnet, request.Node, blocks, known, full);
                space.RecordExhaustedBlocks(subnet, request.Node, now, i);
                return address;
            }
        }

        RecordWalk(space, subnet, request.Node, blocks, known, full);
        space.RecordExhaustedBlocks(subnet, request.Node, now, blocks.Count);
        return null;
    }

    private static void RecordWalk(AddressSpace space, Subnet subnet, string node, IReadOnlyList<NodeBlock> blocks, int known, int full)
    {
        if (full > known)
        {
            space.RecordFullBlocks(subnet, node, blocks, full);
        }
    }

    // An eni block is an interface that takes seconds to attach, so it is never claimed while a saga waits. The
    // background refill claims it ahead of time.
    private static string? FromNewBlock(AddressSpace space, Subnet subnet, AddressRequest request, Guid sagaId, DateTimeOffset now)
    {
        if (subnet.EffectiveLayout.Mode == NetworkModes.Eni || SubnetDecider.ClaimBlock(subnet, request.Node, now) is not { } claimed)
        {
            return null;
        }

        var after = space.Apply(subnet, claimed);
        space.Apply(BlockState.Key(subnet.Name, claimed.Cidr), new BlockOpened(subnet.Name, claimed.Cidr, claimed.Node));
        return AllocateIn(space, after, space.Block(after, after.Blocks[^1]), request, sagaId, now);
    }

    private static string? Borrowed(AddressSpace space, Subnet subnet, AddressRequest request, Guid sagaId, DateTimeOffset now)
    {
        if (subnet.EffectiveLayout.Mode == NetworkModes.Eni)
        {
            return null;
        }

        space.RequireAllBlocks(subnet);
        var rack = subnet.RackOf(request.Node)?.Name;
        foreach (var block in subnet.Blocks)
        {
            if (block.Node == request.Node || !block.Ready || block.Rack != rack)
            {
                continue;
            }

            var state = space.Block(subnet, block);
            if (!state.IsFullAt(now) && subnet.Allows(block) && AllocateIn(space, subnet, state, request, sagaId, now) is { } address)
            {
                return address;
            }
        }

        return null;
    }

    private static string? AllocateIn(AddressSpace space, Subnet subnet, BlockState state, AddressRequest request, Guid sagaId, DateTimeOffset now)
    {
        if (BlockDecider.Allocate(state, subnet, request.InstanceId, sagaId, request.Node, now) is not { } allocated)
        {
            return null;
        }

        space.Apply(state.Id, allocated);
        return allocated.Address;
    }

    private static string Rejection(List<Subnet> candidates, AddressRequest request)
    {
        if (candidates.Count == 0)
        {
            return $"No subnet serves instance {request.InstanceId} on node '{request.Node}' in pool '{request.Pool}'. Add node '{request.Node}' to the nodes of a subnet (or to a rack of an underlay subnet), or pool '{request.Pool}' to its pools, then retry.";
        }

        var names = string.Join(", ", candidates.Select(subnet => $"'{subnet.Name}' ({subnet.Cidr}, {subnet.EffectiveLayout.Mode})"));
        var serving = candidates.Count == 1 ? $"subnet {names} serves it but has no address for it" : $"subnets {names} serve it but have no address for it";
        var eni = candidates.FirstOrDefault(subnet => subnet.EffectiveLayout.Mode == NetworkModes.Eni);
        if (eni is not null && eni.BlocksOf(request.Node).Count() >= eni.EffectiveLayout.Interfaces!.MaxPerNode)
        {
            return $"No free address for instance {request.InstanceId} on node '{request.Node}': {serving}, and the node has all {eni.EffectiveLayout.Interfaces.MaxPerNode} interfaces subnet '{eni.Name}' allows, each full. Raise interfaces.maxPerNode if the instance type allows more, release unused addresses, or place the instance on another node.";
        }

        var attaching = eni is not null
            ? $" In an eni subnet, node '{request.Node}' gets addresses only on its attached interfaces; the background refill attaches another while the node has fewer than its maximum, so retry in a few seconds."
            : "";
        return $"No free address for instance {request.InstanceId} on node '{request.Node}' in pool '{request.Pool}': {serving}.{attaching} Widen a serving subnet, add a subnet for node '{request.Node}' or pool '{request.Pool}', or release unused addresses, then retry.";
    }
}
