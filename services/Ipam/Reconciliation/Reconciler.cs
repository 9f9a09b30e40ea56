using System.Net;
using Surge.Contracts.Inventory;
using Surge.Ipam.Addressing;
using Surge.Ipam.Blocks;
using Surge.Ipam.Subnets;

namespace Surge.Ipam.Reconciliation;

/// <summary>
/// Compares Ipam's allocations with an inventory the providers reported and decides what to record. It never takes an
/// address from an instance a provider reports running, and it says nothing about instances on nodes the report could
/// not reach: an unreachable node's instances may well be alive.
/// </summary>
public static class Reconciler
{
    /// <summary>Returns the events to append, keyed by stream key, in the order they apply.</summary>
    /// <param name="gracePeriod">How long an allocation's instance must stay unreported before its address is released.</param>
    /// <param name="quarantinedUntil">The quarantine end of addresses released now, or null for no quarantine.</param>
    public static Dictionary<string, List<object>> Decide(
        InstanceInventoryReported report,
        IReadOnlyList<Subnet> subnets,
        IReadOnlyList<BlockState> blocks,
        TimeSpan gracePeriod,
        DateTimeOffset? quarantinedUntil)
    {
        var events = new Dictionary<string, List<object>>(StringComparer.Ordinal);
        var reported = report.Instances.GroupBy(instance => instance.InstanceId).ToDictionary(group => group.Key, group => group.First());
        var unreachable = report.UnreachableNodes.ToHashSet(StringComparer.Ordinal);
        var holders = blocks.SelectMany(block => block.Allocations.Select(allocation => (Block: block, Allocation: allocation)))
            .ToDictionary(entry => entry.Allocation.Address, StringComparer.Ordinal);

        foreach (var (block, allocation) in holders.Values.ToList())
        {
            if (Follow(events, block, allocation, reported, unreachable, report.At, gracePeriod, quarantinedUntil))
            {
                // Released here, so a live instance reported with this address below gets it instead of a conflict.
                holders.Remove(allocation.Address);
            }
        }

        var seen = new HashSet<(string, Guid)>();
        foreach (var instance in report.Instances.Where(instance => instance.Address is not null && !unreachable.Contains(instance.Node)))
        {
            if (Canonical(instance.Address!) is not { } address || SubnetOf(subnets, address) is not { } subnet)
            {
                continue;
            }

            seen.Add((address, instance.InstanceId));
            Check(events, subnet, blocks, holders, instance, address, report.At);
        }

        foreach (var subnet in subnets)
        {
            foreach (var conflict in subnet.OpenConflicts.Where(conflict => !seen.Contains((conflict.Address, conflict.InstanceId)) && !unreachable.Contains(conflict.Node)))
            {
                Add(events, subnet.Id, new AddressConflictCleared(conflict.Address, conflict.InstanceId, report.At));
            }
        }

        return events;
    }

    // An allocation made after the report was taken is not in it for that reason alone, so it is left alone. Returns
    // whether the allocation was released.
    private static bool Follow(
        Dictionary<string, List<object>> events,
        BlockState block,
        LiveAllocation allocation,
        Dictionary<Guid, ReportedInstance> reported,
        HashSet<string> unreachable,
        DateTimeOffset at,
        TimeSpan gracePeriod,
        DateTimeOffset? quarantinedUntil)
    {
        if (allocation.AllocatedAt > at || unreachable.Contains(allocation.Node))
        {
            return false;
        }

        if (reported.ContainsKey(allocation.InstanceId))
        {
            if (allocation.MissingSince is not null)
            {
                Add(events, block.Id, new AllocatedInstanceSeenAgain(allocation.Address, allocation.InstanceId, at));
            }

            return false;
        }

        if (allocation.MissingSince is not { } since)
        {
            Add(events, block.Id, new AllocatedInstanceMissing(allocation.Address, allocation.InstanceId, at));
            return false;
        }

        if (at - since >= gracePeriod)
        {
            Add(events, block.Id, new AddressReleased(
                allocation.Address,
                allocation.InstanceId,
                $"reconciliation: no provider has reported instance {allocation.InstanceId} on node '{allocation.Node}' since {since:O}, longer than the grace period of {gracePeriod}",
                quarantinedUntil,
                at));
            return true;
        }

        return false;
    }

    private static void Check(
        Dictionary<string, List<object>> events,
        Subnet subnet,
        IReadOnlyList<BlockState> blocks,
        Dictionary<string, (BlockState Block, LiveAllocation Allocation)> holders,
        ReportedInstance instance,
        string address,
        DateTimeOffset at)
    {
        if (holders.TryGetValue(address, out var holder))
        {
            // A report taken before the address changed hands still shows its earlier user, which is no conflict.
            if (holder.Allocation.AllocatedAt > at)
            {
                return;
            }

            if (holder.Allocation.InstanceId == instance.InstanceId)
            {
                // The instance has the address it uses allocated to it, so a conflict recorded before, for example before a reclaim,
                // is over.
                ClearIfOpen(events, subnet, address, instance.InstanceId, at);
            }
            else
            {
                Conflict(events, subnet, instance, address, holder.Allocation.InstanceId, $"Ipam allocated {address} to instance {holder.Allocation.InstanceId}, but instance {instance.InstanceId} of service {instance.Service} uses it on node '{instance.Node}'", at);
            }

            return;
        }

        var own = holders.Values.FirstOrDefault(entry => entry.Allocation.InstanceId == instance.InstanceId);
        var claimed = subnet.Blocks.FirstOrDefault(block => block.ToBlock().Contains(IPAddress.Parse(address)));
        var state = claimed is null ? null : blocks.FirstOrDefault(block => block.Subnet == subnet.Name && block.Cidr == claimed.Cidr);
        if (own.Allocation is not null)
        {
            Conflict(events, subnet, instance, address, null, $"instance {instance.InstanceId} uses {address}, but Ipam allocated it {own.Allocation.Address}", at);
        }
        else if (state is not null && state.ReleasedAfter(address, at))
        {
            // The address was released after the report was taken, so the report is out of date for it. The next
            // report shows whether the instance still uses it.
        }
        else if (state is null)
        {
            Conflict(events, subnet, instance, address, null, $"instance {instance.InstanceId} of service {instance.Service} uses {address} on node '{instance.Node}', which lies in no block Ipam gave out", at);
        }
        else
        {
            // The instance is alive with an address Ipam has allocated to no instance, for example after its node was wrongly
            // thought gone: recording it as the instance's again keeps it from being given to a second instance.
            var reclaimed = new AddressReclaimed(address, instance.InstanceId, instance.Node, at, $"a provider reports instance {instance.InstanceId} of service {instance.Service} running with it on node '{instance.Node}'");
            Add(events, state.Id, reclaimed);
            holders[address] = (state, new LiveAllocation(address, instance.InstanceId, Guid.Empty, instance.Node, at));
            ClearIfOpen(events, subnet, address, instance.InstanceId, at);
        }
    }

    private static void ClearIfOpen(Dictionary<string, List<object>> events, Subnet subnet, string address, Guid instanceId, DateTimeOffset at)
    {
        if (subnet.OpenConflicts.Any(conflict => conflict.Matches(address, instanceId)))
        {
            Add(events, subnet.Id, new AddressConflictCleared(address, instanceId, at));
        }
    }

    private static void Conflict(Dictionary<string, List<object>> events, Subnet subnet, ReportedInstance instance, string address, Guid? heldBy, string reason, DateTimeOffset at)
    {
        var decided = events.GetValueOrDefault(subnet.Id) ?? [];
        if (subnet.OpenConflicts.Any(conflict => conflict.Matches(address, instance.InstanceId))
            || decided.OfType<AddressConflictFound>().Any(found => found.Address == address && found.InstanceId == instance.InstanceId))
        {
            return;
        }

        Add(events, subnet.Id, new AddressConflictFound(address, instance.InstanceId, instance.Node, heldBy, reason, at));
    }

    private static Subnet? SubnetOf(IReadOnlyList<Subnet> subnets, string address)
    {
        var parsed = IPAddress.Parse(address);
        return subnets.FirstOrDefault(subnet => subnet.ToBlock().Contains(parsed));
    }

    private static string? Canonical(string address) =>
        AddressBlock.TryParseAddress(address, out var parsed, out _) ? parsed.ToString() : null;

    private static void Add(Dictionary<string, List<object>> events, string streamKey, object @event)
    {
        if (!events.TryGetValue(streamKey, out var list))
        {
            events[streamKey] = list = [];
        }

        list.Add(@event);
    }
}
