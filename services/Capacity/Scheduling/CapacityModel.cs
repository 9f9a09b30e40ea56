using Surge.Capacity.Addresses;
using Surge.Capacity.Nodes;
using Surge.Capacity.Pools;
using Surge.Capacity.ServiceCatalog;

namespace Surge.Capacity.Scheduling;

/// <summary>
/// The fleet in memory: pools, nodes with their reservations, services, and the subnets Ipam reported, kept in step by
/// applying the events of their streams in version order. Placement and inventory read it instead of querying every
/// node. Not thread-safe: its owner serializes access.
/// </summary>
public sealed partial class CapacityModel
{
    private readonly Dictionary<string, long> versions = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Dictionary<string, int>> zoneCounts = new(StringComparer.Ordinal);
    private readonly SortedDictionary<string, ModelSubnet> subnets = new(StringComparer.Ordinal);
    private DateTimeOffset eventTime = DateTimeOffset.UnixEpoch;

    /// <summary>Pools by name.</summary>
    public Dictionary<string, ModelPool> Pools { get; } = new(StringComparer.Ordinal);

    /// <summary>Nodes by name.</summary>
    public Dictionary<string, ModelNode> Nodes { get; } = new(StringComparer.Ordinal);

    /// <summary>Service declarations by name.</summary>
    public Dictionary<string, ServiceSpec> Services { get; } = new(StringComparer.Ordinal);

    /// <summary>Subnets by name.</summary>
    public IReadOnlyDictionary<string, ModelSubnet> Subnets => subnets;

    /// <summary>The number of reservations the model holds.</summary>
    public int ReservationCount { get; private set; }

    /// <summary>The version of a stream the model applied up to; 0 for a stream it has not seen.</summary>
    public long VersionOf(string streamKey) => versions.GetValueOrDefault(streamKey);

    /// <summary>How many instances of <paramref name="service"/> run in <paramref name="zone"/>.</summary>
    public int ZoneCount(string service, string zone) =>
        zoneCounts.TryGetValue(service, out var zones) ? zones.GetValueOrDefault(zone) : 0;

    /// <summary>
    /// Applies one event of a stream. An event at or below the version already applied is skipped. An event further
    /// ahead than the next version means events were missed, so the caller must reload the stream.
    /// </summary>
    /// <param name="at">When the event was recorded; it dates when an overflow node became empty.</param>
    public ModelApplyResult Apply(string streamKey, long version, object data, DateTimeOffset? at = null)
    {
        var known = VersionOf(streamKey);
        if (version <= known)
        {
            return ModelApplyResult.Skipped;
        }

        if (version > known + 1)
        {
            return ModelApplyResult.Gap;
        }

        versions[streamKey] = version;
        eventTime = at ?? eventTime;
        var name = streamKey[(streamKey.IndexOf('/') + 1)..];
        switch (data)
        {
            case PoolSpecified pool:
                ApplyPool(pool.Name, pool.Spec);
                break;
            case ServiceSpecified service:
                ApplyService(service.Name, service.Spec);
                break;
            case SubnetAddressesRecorded report:
                ApplySubnet(report);
                break;
            default:
                ApplyNodeEvent(name, data);
                break;
        }

        return ModelApplyResult.Applied;
    }

    /// <summary>Forgets a stream so it can be loaded again from its first event.</summary>
    public void Forget(string streamKey)
    {
        var name = streamKey[(streamKey.IndexOf('/') + 1)..];
        if (streamKey.StartsWith("node/", StringComparison.Ordinal) && Nodes.ContainsKey(name))
        {
            RemoveNode(name);
        }

        versions.Remove(streamKey);
    }

    private void ApplyPool(string name, PoolSpec spec)
    {
        if (Pools.TryGetValue(name, out var pool))
        {
            pool.Spec = spec;
            return;
        }

        pool = new ModelPool(name, spec);
        Pools[name] = pool;
        foreach (var node in Nodes.Values.Where(node => node.Spec.Pool == name))
        {
            Join(pool, node);
        }
    }

    // Streams load in any order, so a service's reservations can arrive before the service, and a service can move to
    // another pool. In both cases whether they are borrowed is worked out again.
    private void ApplyService(string name, ServiceSpec spec)
    {
        var movedPool = !Services.TryGetValue(name, out var previous) || previous.Pool != spec.Pool;
        Services[name] = spec;
        if (!movedPool)
        {
            return;
        }

        foreach (var node in Nodes.Values.Where(node => node.CountOf(name) > 0))
        {
            foreach (var reservation in node.Reservations.Values.Where(r => r.Service == name).ToList())
            {
                Count(node, reservation, -1);
                Count(node, reservation with { Borrowed = IsBorrowed(node, name) }, +1);
            }
        }
    }

    private void ApplyNodeEvent(string name, object data)
    {
        if (data is NodeSpecified specified)
        {
            SpecifyNode(specified.Name, specified.Spec);
            return;
        }

        if (!Nodes.TryGetValue(name, out var node))
        {
            return;
        }

        switch (data)
        {
            case NodeResourcesReserved reserved:
                Reserve(node, reserved);
                break;
            case ReservationCommitted committed when node.Reservations.TryGetValue(committed.InstanceId, out var held):
                node.Reservations[committed.InstanceId] = held with { Committed = true, ExpiresAt = null };
                break;
            case ReservationReleaseStarted started when node.Reservations.TryGetValue(started.InstanceId, out var held):
                node.Reservations[started.InstanceId] = held with { ReleasingSagaId = started.SagaId };
                break;
            case ReservationReleaseCancelled cancelled when node.Reservations.TryGetValue(cancelled.InstanceId, out var held)
                && held.ReleasingSagaId == cancelled.SagaId:
                node.Reservations[cancelled.InstanceId] = held with { ReleasingSagaId = null };
                break;
            case ReservationReleased released:
                Release(node, released.InstanceId);
                break;
            case ReservationExpired expired:
                Release(node, expired.InstanceId);
                break;
            case NodeReleaseStarted:
                node.Releasing = true;
                break;
            case NodeRemoved:
                RemoveNode(name);
                break;
        }
    }

    private void SpecifyNode(string name, NodeSpec spec)
    {
        // The node's reservations are taken out under the old spec and put back under the new one, so a new zone or
        // pool moves their zone counts and lending totals with them and whether they are borrowed is decided again.
        List<ModelReservation> held = [];
        if (Nodes.TryGetValue(name, out var node))
        {
            held = [.. node.Reservations.Values];
            foreach (var reservation in held)
            {
                Count(node, reservation, -1);
            }

            Leave(node);
            node.Spec = spec;
        }
        else
        {
            node = new ModelNode(name, spec) { EmptySince = eventTime };
            Nodes[name] = node;
        }

        if (Pools.TryGetValue(spec.Pool, out var pool))
        {
            Join(pool, node);
        }

        node.ServingSubnets = ServingSubnets(node);
        foreach (var reservation in held)
        {
            Count(node, reservation with { Borrowed = IsBorrowed(node, reservation.Service) }, +1);
        }
    }

    private void Join(ModelPool pool, ModelNode node)
    {
        pool.Nodes.Add(node);
        if (!node.IsOverflow)
        {
            pool.Declared += node.Allocatable;
            pool.Lent += node.Reservations.Values.Where(r => r.Borrowed).Aggregate(default(ResourceAmounts), (sum, r) => sum + r.Amounts);
        }
    }

    private void Leave(ModelNode node)
    {
        if (!Pools.TryGetValue(node.Spec.Pool, out var pool) || !pool.Nodes.Remove(node))
        {
            return;
        }

        if (!node.IsOverflow)
        {
            pool.Declared -= node.Allocatable;
            pool.Lent -= node.Reservations.Values.Where(r => r.Borrowed).Aggregate(default(ResourceAmounts), (sum, r) => sum + r.Amounts);
        }
    }

    private void RemoveNode(string name)
    {
        var node = Nodes[name];
        foreach (var instanceId in node.Reservations.Keys.ToList())
        {
            Release(node, instanceId);
        }

        Leave(node);
        Nodes.Remove(name);
    }

    private void Reserve(ModelNode node, NodeResourcesReserved reserved)
    {
        if (node.Reservations.ContainsKey(reserved.InstanceId))
        {
            Release(node, reserved.InstanceId);
        }

        var reservation = new ModelReservation(
            reserved.InstanceId,
            reserved.SagaId,
            reserved.Service,
            new ResourceAmounts(reserved.CpuMillicores, reserved.MemoryMiB, reserved.DiskGiB, reserved.SwapMiB),
            Committed: false,
            Borrowed: IsBorrowed(node, reserved.Service),
            Subnet: ChargeAddress(node)?.Name,
            ExpiresAt: reserved.ExpiresAt);
        Count(node, reservation, +1);
    }

    // A reservation counts against the lending limit when its service belongs to another pool and the node is declared.
    private bool IsBorrowed(ModelNode node, string service) =>
        Services.TryGetValue(service, out var spec) && spec.Pool != node.Spec.Pool && !node.IsOverflow;

    private void Release(ModelNode node, Guid instanceId)
    {
        if (node.Reservations.TryGetValue(instanceId, out var reservation))
        {
            Count(node, reservation, -1);
        }
    }

    // Every total the scheduler reads moves together here, so adding and removing a reservation are exact opposites.
    private void Count(ModelNode node, ModelReservation reservation, int sign)
    {
        if (sign > 0)
        {
            node.Reservations[reservation.InstanceId] = reservation;
        }
        else
        {
            node.Reservations.Remove(reservation.InstanceId);
        }

        ReservationCount += sign;
        node.EmptySince = node.Reservations.Count == 0 ? eventTime : null;
        node.Used += reservation.Amounts.Times(sign);
        node.ServiceCounts[reservation.Service] = node.CountOf(reservation.Service) + sign;
        if (!zoneCounts.TryGetValue(reservation.Service, out var zones))
        {
            zoneCounts[reservation.Service] = zones = new(StringComparer.Ordinal);
        }

        zones[node.Spec.Zone] = zones.GetValueOrDefault(node.Spec.Zone) + sign;
        if (reservation.Borrowed && Pools.TryGetValue(node.Spec.Pool, out var pool))
        {
            pool.Lent += reservation.Amounts.Times(sign);
        }

        if (reservation.Subnet is not null && subnets.TryGetValue(reservation.Subnet, out var subnet))
        {
            subnet.Charged += sign;
        }
    }

    private ModelSubnet? ChargeAddress(ModelNode node) =>
        node.ServingSubnets.FirstOrDefault(subnet => subnet.Free > 0) ?? node.ServingSubnets.FirstOrDefault();
}

/// <summary>What applying one event did to the model.</summary>
public enum ModelApplyResult
{
    /// <summary>The event changed the model.</summary>
    Applied,

    /// <summary>The model had already applied the event.</summary>
    Skipped,

    /// <summary>Events before this one are missing; reload the stream.</summary>
    Gap,
}
