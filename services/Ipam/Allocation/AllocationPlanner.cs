using Surge.Contracts.Addresses;
using Surge.Ipam.Subnets;

namespace Surge.Ipam.Allocation;

/// <summary>Decides a whole <see cref="AllocateAddresses"/> request at once, so either every instance gets an address or none does.</summary>
public static class AllocationPlanner
{
    /// <summary>
    /// Plans one address per request. An instance that already has an address in any subnet keeps it. Otherwise the subnets
    /// that list the instance's node come first, then those that list its pool, each group by name, and the first with
    /// a free address gives its lowest one. Later requests see the addresses earlier ones took.
    /// </summary>
    /// <param name="now">The time of the request, which decides which quarantines have ended; null keeps every quarantined address out.</param>
    public static AllocationPlan Plan(IEnumerable<Subnet> subnets, Guid sagaId, IReadOnlyList<AddressRequest> requests, DateTimeOffset? now = null)
    {
        var states = subnets.ToDictionary(subnet => subnet.Name, StringComparer.Ordinal);
        var events = new Dictionary<string, List<object>>(StringComparer.Ordinal);
        var assignments = new List<AddressAssignment>(requests.Count);

        foreach (var request in requests)
        {
            var holder = states.Values.FirstOrDefault(subnet => subnet.FindAllocation(request.InstanceId) is not null);
            var candidates = holder is not null ? [holder] : ServingSubnets(states.Values, request);
            if (candidates.Count == 0)
            {
                return AllocationPlan.Rejected(
                    $"No subnet serves instance {request.InstanceId} on node '{request.Node}' in pool '{request.Pool}'. Add node '{request.Node}' to the nodes of a subnet, or pool '{request.Pool}' to its pools, then retry.");
            }

            var assigned = TryAllocate(candidates, states, events, request, sagaId, now);
            if (assigned is null)
            {
                var names = string.Join(", ", candidates.Select(subnet => $"'{subnet.Name}' ({subnet.Cidr})"));
                var serving = candidates.Count == 1 ? $"subnet {names} serves it but is full" : $"subnets {names} serve it but are all full";
                return AllocationPlan.Rejected(
                    $"No free address for instance {request.InstanceId} on node '{request.Node}' in pool '{request.Pool}': {serving}. Widen a serving subnet, add a subnet for node '{request.Node}' or pool '{request.Pool}', or release unused addresses, then retry.");
            }

            assignments.Add(assigned);
        }

        return new AllocationPlan(
            assignments,
            events.ToDictionary(entry => entry.Key, entry => (IReadOnlyList<object>)entry.Value, StringComparer.Ordinal),
            null);
    }

    private static List<Subnet> ServingSubnets(IEnumerable<Subnet> subnets, AddressRequest request)
    {
        var ordered = subnets.OrderBy(subnet => subnet.Name, StringComparer.Ordinal).ToList();
        return
        [
            .. ordered.Where(subnet => subnet.Nodes.Contains(request.Node, StringComparer.Ordinal)),
            .. ordered.Where(subnet => !subnet.Nodes.Contains(request.Node, StringComparer.Ordinal) && subnet.Pools.Contains(request.Pool, StringComparer.Ordinal)),
        ];
    }

    private static AddressAssignment? TryAllocate(
        List<Subnet> candidates,
        Dictionary<string, Subnet> states,
        Dictionary<string, List<object>> events,
        AddressRequest request,
        Guid sagaId,
        DateTimeOffset? now)
    {
        foreach (var candidate in candidates)
        {
            var state = states[candidate.Name];
            var decision = SubnetDecider.Decide(state, new AllocateAddress(request.InstanceId, sagaId, request.Node, now));
            if (decision.Address is null)
            {
                continue;
            }

            if (decision.Events.Count > 0)
            {
                states[candidate.Name] = decision.Events.Aggregate(state, (current, @event) => SubnetDecider.Evolve(current, @event)!);
                events.TryAdd(candidate.Name, []);
                events[candidate.Name].AddRange(decision.Events);
            }

            return new AddressAssignment(request.InstanceId, candidate.Name, decision.Address);
        }

        return null;
    }
}
