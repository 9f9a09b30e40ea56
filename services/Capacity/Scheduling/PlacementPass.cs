using Surge.Capacity.ServiceCatalog;

namespace Surge.Capacity.Scheduling;

/// <summary>
/// One run of the scheduler over the model: places instances one at a time without changing the model, keeping what
/// it placed in its own ledger. Placement and inventory both run it, so what the inventory counts is what placement does.
/// </summary>
/// <remarks>
/// Every limit only tightens while a pass places instances, so a node that cannot take an instance now never can later
/// in the same pass. Each tier keeps its nodes in priority queues ordered by rank, one per zone under spread. A popped
/// node whose rank changed is pushed back with its new rank, and a node that cannot take the next instance is dropped.
/// </remarks>
internal sealed partial class PlacementPass
{
    private readonly CapacityModel model;
    private readonly string service;
    private readonly InstanceShapeSpec shape;
    private readonly ResourceAmounts amounts;
    private readonly PlacementStrategy strategy;
    private readonly Dictionary<ModelNode, (ResourceAmounts Used, int Count)> nodeDeltas = [];
    private readonly Dictionary<string, int> zoneDeltas = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ResourceAmounts> lentDeltas = new(StringComparer.Ordinal);
    private readonly Dictionary<ModelSubnet, long> chargeDeltas = [];
    private readonly Dictionary<PlacementTier, Dictionary<string, PriorityQueue<ModelNode, NodeRank>>> queues = [];

    public PlacementPass(CapacityModel model, string service, string ownPool, InstanceShapeSpec shape, PlacementStrategy strategy)
    {
        this.model = model;
        this.service = service;
        this.shape = shape;
        this.strategy = strategy;
        amounts = ResourceAmounts.Of(shape);
        Tiers = PlacementTier.For(model, ownPool);
    }

    /// <summary>The shape the pass places.</summary>
    public InstanceShapeSpec Shape => shape;

    /// <summary>How many more instances of the service the zone takes before its maxPerZone.</summary>
    public long ZoneRoomOf(string zone) => ZoneRoom(zone);

    /// <summary>The tiers of the pass, most preferred first.</summary>
    public IReadOnlyList<PlacementTier> Tiers { get; }

    /// <summary>Places one instance in the most preferred tier that can take it; null when none can.</summary>
    public (ModelNode Node, PlacementTier Tier, ModelSubnet? Subnet)? PlaceOne()
    {
        foreach (var tier in Tiers)
        {
            if (PlaceIn(tier) is { } node)
            {
                return (node, tier, LastSubnet);
            }
        }

        return null;
    }

    /// <summary>The subnet the last instance placed one at a time takes its address from.</summary>
    public ModelSubnet? LastSubnet { get; private set; }

    /// <summary>Places one instance on the best node of <paramref name="tier"/> that can take it; null when none can.</summary>
    public ModelNode? PlaceIn(PlacementTier tier)
    {
        // Spread ranks by the zone's count first. That count is the same for every node of a zone, so each zone keeps
        // its own queue and the zones are compared by their best nodes. A placement then re-ranks one node, not a zone.
        PriorityQueue<ModelNode, NodeRank>? best = null;
        var bestKey = default((long Zone, NodeRank Node));
        foreach (var (zone, queue) in QueuesOf(tier))
        {
            if (!Clean(queue, tier, out var head))
            {
                continue;
            }

            var key = (Zone: strategy == PlacementStrategy.Pack ? 0L : ZoneCount(zone), Node: head);
            if (best is null || key.CompareTo(bestKey) < 0)
            {
                best = queue;
                bestKey = key;
            }
        }

        if (best is null)
        {
            return null;
        }

        var node = best.Peek();
        LastSubnet = AddressFor(node);
        Take(node, tier, 1);
        best.DequeueEnqueue(node, RankOf(node));
        return node;
    }

    // Brings the queue's head up to date: a node whose rank changed goes back with its new rank, and a node that
    // cannot take the next instance leaves, since no limit loosens during a pass.
    private bool Clean(PriorityQueue<ModelNode, NodeRank> queue, PlacementTier tier, out NodeRank head)
    {
        while (queue.TryPeek(out var node, out var stored))
        {
            var rank = RankOf(node);
            if (rank != stored)
            {
                queue.DequeueEnqueue(node, rank);
                continue;
            }

            if (Reject(node, tier) is not null)
            {
                queue.Dequeue();
                continue;
            }

            head = rank;
            return true;
        }

        head = default;
        return false;
    }

    /// <summary>Marks a tier as having no node left, after its nodes were filled without the queue.</summary>
    private void Exhaust(PlacementTier tier) => queues[tier] = [];

    /// <summary>The first check, in <see cref="PlacementDimension"/> order, that keeps the next instance off the node; null when it fits.</summary>
    public PlacementDimension? Reject(ModelNode node, PlacementTier tier)
    {
        if (!node.Spec.AcceptsInstances || node.Releasing)
        {
            return PlacementDimension.AcceptsInstances;
        }

        if (!HasRequiredLabels(node))
        {
            return PlacementDimension.Labels;
        }

        if (!ToleratesTaints(node))
        {
            return PlacementDimension.Taints;
        }

        if (ZoneRoom(node.Spec.Zone) <= 0)
        {
            return PlacementDimension.MaxPerZone;
        }

        if (tier.Source == PlacementSource.Borrowed && LendRoom(tier.Pool).Lacking(amounts) is not null)
        {
            return PlacementDimension.LendLimit;
        }

        if (FreeOf(node).Lacking(amounts) is { } lacking)
        {
            return lacking;
        }

        if (AddressFor(node) is null)
        {
            return PlacementDimension.IpAddresses;
        }

        return shape.MaxPerNode is { } most && CountOn(node) >= most ? PlacementDimension.MaxPerNode : null;
    }

    /// <summary>The subnet the next instance on the node would take its address from; null when none has one free.</summary>
    public ModelSubnet? AddressFor(ModelNode node)
    {
        foreach (var subnet in node.ServingSubnets)
        {
            if (AddressesLeft(subnet) > 0)
            {
                return subnet;
            }
        }

        return null;
    }

    /// <summary>
    /// Counts how many more instances the subnet can give addresses to, as the model counts once this pass's
    /// placements are recorded. The model's free count, usable less the larger of taken and charged, stays above 0
    /// while charged stays below usable, so the taken count matters only once it reaches usable.
    /// </summary>
    public long AddressesLeft(ModelSubnet subnet) =>
        subnet.Taken >= subnet.Usable ? 0 : Math.Max(0, subnet.Usable - subnet.Charged - chargeDeltas.GetValueOrDefault(subnet));

    private void Take(ModelNode node, PlacementTier tier, int count)
    {
        var delta = nodeDeltas.GetValueOrDefault(node);
        nodeDeltas[node] = (delta.Used + amounts.Times(count), delta.Count + count);
        zoneDeltas[node.Spec.Zone] = zoneDeltas.GetValueOrDefault(node.Spec.Zone) + count;
        if (tier.Source == PlacementSource.Borrowed)
        {
            lentDeltas[tier.Pool.Name] = lentDeltas.GetValueOrDefault(tier.Pool.Name) + amounts.Times(count);
        }

        for (var taken = 0; taken < count; taken++)
        {
            if (AddressFor(node) is { } subnet)
            {
                chargeDeltas[subnet] = chargeDeltas.GetValueOrDefault(subnet) + 1;
            }
        }
    }

    private Dictionary<string, PriorityQueue<ModelNode, NodeRank>> QueuesOf(PlacementTier tier)
    {
        if (!queues.TryGetValue(tier, out var byZone))
        {
            byZone = tier.Nodes
                .GroupBy(node => strategy == PlacementStrategy.Pack ? "" : node.Spec.Zone, StringComparer.Ordinal)
                .ToDictionary(
                    zone => zone.Key,
                    zone => new PriorityQueue<ModelNode, NodeRank>(zone.Select(node => (node, RankOf(node)))),
                    StringComparer.Ordinal);
            queues[tier] = byZone;
        }

        return byZone;
    }

    // Spread takes the zone, then the node, with the fewest instances of the service, then the most free CPU and memory.
    // Pack takes the node with the least free CPU and memory, so other nodes stay empty. PlaceIn compares the zone's
    // count, so a node's rank here leaves it out.
    private NodeRank RankOf(ModelNode node)
    {
        var free = FreeOf(node);
        return strategy == PlacementStrategy.Pack
            ? new NodeRank(free.CpuMillicores, free.MemoryMiB, 0, 0, node.Name)
            : new NodeRank(CountOn(node), -free.CpuMillicores, -free.MemoryMiB, 0, node.Name);
    }

    private ResourceAmounts FreeOf(ModelNode node) => node.Allocatable - node.Used - nodeDeltas.GetValueOrDefault(node).Used;

    private int CountOn(ModelNode node) => node.CountOf(service) + nodeDeltas.GetValueOrDefault(node).Count;

    private int ZoneCount(string zone) => model.ZoneCount(service, zone) + zoneDeltas.GetValueOrDefault(zone);

    private long ZoneRoom(string zone) => shape.MaxPerZone is { } most ? most - ZoneCount(zone) : long.MaxValue;

    private ResourceAmounts LendRoom(ModelPool pool) => pool.LendRoom() - lentDeltas.GetValueOrDefault(pool.Name);

    private bool HasRequiredLabels(ModelNode node)
    {
        foreach (var (key, value) in shape.RequiredLabels ?? new Dictionary<string, string>())
        {
            if (node.Spec.Labels is null || !node.Spec.Labels.TryGetValue(key, out var actual) || actual != value)
            {
                return false;
            }
        }

        return true;
    }

    private bool ToleratesTaints(ModelNode node)
    {
        foreach (var taint in node.Spec.Taints ?? [])
        {
            var tolerated = (shape.Tolerations ?? []).Any(toleration =>
                toleration.Key == taint.Key && (toleration.Value is null || toleration.Value == taint.Value));
            if (!tolerated)
            {
                return false;
            }
        }

        return true;
    }
}
