using System.Net;
using Surge.ServiceDefaults.Problems;

namespace Surge.Ipam.Subnets;

/// <summary>The subnet aggregate as a decider: <c>Evolve</c> folds its events into state, <c>Decide</c> turns a command into events.</summary>
public static class SubnetDecider
{
    /// <summary>Returns the state after the event; events before <see cref="SubnetDefined"/> leave the state null.</summary>
    public static Subnet? Evolve(Subnet? state, object @event) => (state, @event) switch
    {
        (_, SubnetDefined defined) => new Subnet(
            Subnet.StreamKey(defined.Name), defined.Name, defined.Cidr, defined.Gateway, defined.Pools, defined.Nodes, []),
        (not null, SubnetChanged changed) => state with
        {
            Cidr = changed.Cidr,
            Gateway = changed.Gateway,
            Pools = changed.Pools,
            Nodes = changed.Nodes,
        },
        (not null, AddressAllocated allocated) => state with
        {
            Allocations = [.. state.Allocations, new LiveAllocation(allocated.Address, allocated.InstanceId, allocated.SagaId, allocated.Node)],
            Quarantined = [.. state.Quarantine.Where(entry => entry.Address != allocated.Address)],
        },
        (not null, AddressReleased released) => state with
        {
            Allocations = [.. state.Allocations.Where(allocation => allocation.Address != released.Address)],
            Quarantined = released.QuarantinedUntil is { } until
                ? [.. state.Quarantine.Where(entry => entry.Address != released.Address), new QuarantinedAddress(released.Address, released.InstanceId, until)]
                : state.Quarantined,
        },
        _ => state,
    };

    /// <summary>Returns the state after all the events, starting from none.</summary>
    public static Subnet? Fold(IEnumerable<object> events) => events.Aggregate((Subnet?)null, Evolve);

    /// <summary>
    /// Defines a new subnet or changes an existing one; an identical definition gives no events. Throws
    /// <see cref="ResourceConflictException"/> when the change would strand live allocations.
    /// </summary>
    public static IReadOnlyList<object> Decide(Subnet? state, DefineSubnet command)
    {
        var definition = command.Definition;
        if (state is null)
        {
            return [new SubnetDefined(command.Name, definition.Cidr, definition.Gateway, definition.Pools, definition.Nodes)];
        }

        if (state.IsDefinedAs(definition))
        {
            return [];
        }

        if (definition.Cidr != state.Cidr && state.Allocations.Count > 0)
        {
            throw new ResourceConflictException(
                $"Subnet '{state.Name}' has {state.Allocations.Count} live allocations, so its cidr cannot change from {state.Cidr} to {definition.Cidr}. Release those addresses first, or define a new subnet for {definition.Cidr}.");
        }

        if (definition.Gateway is not null && state.Allocations.FirstOrDefault(allocation => allocation.Address == definition.Gateway) is { } holder)
        {
            throw new ResourceConflictException(
                $"The new gateway {definition.Gateway} of subnet '{state.Name}' is allocated to instance {holder.InstanceId}. Choose another gateway, or release that instance's address first.");
        }

        return [new SubnetChanged(definition.Cidr, definition.Gateway, definition.Pools, definition.Nodes)];
    }

    /// <summary>
    /// Gives the instance the lowest free usable address, skipping the gateway. An instance that already has an
    /// address here gets the same one back and no events, so a redelivered request changes nothing.
    /// </summary>
    public static AllocationDecision Decide(Subnet state, AllocateAddress command)
    {
        if (state.FindAllocation(command.InstanceId) is { } existing)
        {
            return new AllocationDecision(existing.Address, []);
        }

        // A quarantined address stays out of use until its quarantine ends, so a cache that still maps it to the
        // instance that held it cannot send that instance's traffic to a new one.
        var quarantined = state.Quarantine.Where(entry => command.Now is not { } now || entry.HoldsAt(now));
        var inUse = state.Allocations.Select(allocation => IPAddress.Parse(allocation.Address))
            .Concat(quarantined.Select(entry => IPAddress.Parse(entry.Address)));
        if (state.Gateway is not null)
        {
            inUse = inUse.Append(IPAddress.Parse(state.Gateway));
        }

        var free = state.ToBlock().LowestFree(inUse);
        if (free is null)
        {
            return AllocationDecision.Full;
        }

        var address = free.ToString();
        return new AllocationDecision(address, [new AddressAllocated(address, command.InstanceId, command.SagaId, command.Node)]);
    }

    /// <summary>Frees the address allocated to the instance. An instance without one here gives no events.</summary>
    public static IReadOnlyList<object> Decide(Subnet state, ReleaseAddress command) =>
        state.FindAllocation(command.InstanceId) is { } allocation
            ? [new AddressReleased(allocation.Address, allocation.InstanceId, command.Reason, command.QuarantinedUntil)]
            : [];
}
