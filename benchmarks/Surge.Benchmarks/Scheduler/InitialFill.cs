using System.Diagnostics;
using Surge.Capacity.Addresses;
using Surge.Capacity.Nodes;
using Surge.Capacity.Pools;
using Surge.Capacity.Scheduling;
using Surge.Capacity.ServiceCatalog;

namespace Surge.Benchmarks.Scheduler;

/// <summary>The fleet's events and its running instances after the initial fill.</summary>
/// <param name="Instances">The ids of the running instances, in the order they were placed.</param>
/// <param name="Unplaced">Planned instances the scheduler could not place.</param>
public sealed record FilledFleet(EventLog Log, List<Guid> Instances, int Unplaced, TimeSpan Elapsed);

/// <summary>
/// Declares the fleet and places every service's planned instances with the capacity model itself, recording each
/// reservation and its commit as events, so the fleet obeys every placement rule.
/// </summary>
public static class InitialFill
{
    private const int Batch = 25;

    /// <summary>Builds the event log of the fleet with its running instances.</summary>
    public static FilledFleet Run(FleetBlueprint fleet, int seed)
    {
        var started = Stopwatch.GetTimestamp();
        var model = new CapacityModel();
        var log = new EventLog();
        var random = new Random(seed + 1);

        // Pools and subnets before nodes, so each node joins its pool and finds its subnet when it is declared.
        foreach (var pool in fleet.Pools)
        {
            log.Append(model, PoolView.StreamKey(pool.Name), pool);
        }

        foreach (var subnet in fleet.Subnets)
        {
            log.Append(model, SubnetAddressesRecorded.StreamKey(subnet.Subnet), subnet);
        }

        foreach (var service in fleet.Services)
        {
            log.Append(model, ServiceView.StreamKey(service.Name), service.Declaration);
        }

        foreach (var node in fleet.Nodes)
        {
            log.Append(model, NodeView.StreamKey(node.Name), node);
        }

        // Services take turns placing a batch each, so no service fills the lenders before the others start.
        var instances = new List<Guid>();
        var left = fleet.Services.Select(service => service.Instances).ToArray();
        var unplaced = 0;
        while (left.Any(count => count > 0))
        {
            for (var s = 0; s < fleet.Services.Count; s++)
            {
                if (left[s] == 0)
                {
                    continue;
                }

                var service = fleet.Services[s];
                var count = Math.Min(Batch, left[s]);
                left[s] -= count;
                var placed = Place(model, log, service, count, random, instances);
                if (placed < count)
                {
                    unplaced += count - placed + left[s];
                    left[s] = 0;
                }
            }
        }

        return new FilledFleet(log, instances, unplaced, Stopwatch.GetElapsedTime(started));
    }

    private static int Place(CapacityModel model, EventLog log, ServicePlan service, int count, Random random, List<Guid> instances)
    {
        var ids = Enumerable.Range(0, count).Select(_ => Workload.NewId(random)).ToList();
        var shape = service.Spec.Shape!;
        var result = model.Place(new PlacementRequest(service.Name, service.Spec.Pool, shape, ids, service.Spec.Strategy ?? PlacementStrategy.Spread));
        if (!result.Succeeded)
        {
            // The batch did not fit as a whole; place what fits one at a time.
            return count > 1 ? Enumerable.Range(0, count).TakeWhile(_ => Place(model, log, service, 1, random, instances) == 1).Count() : 0;
        }

        var sagaId = Workload.NewId(random);
        foreach (var instance in result.Instances)
        {
            var stream = NodeView.StreamKey(instance.Node);
            log.Append(model, stream, Workload.Reserved(instance.InstanceId, sagaId, service.Name, shape, Workload.Epoch));
            log.Append(model, stream, new ReservationCommitted(instance.InstanceId, Workload.Epoch));
            instances.Add(instance.InstanceId);
        }

        return result.Instances.Count;
    }
}
