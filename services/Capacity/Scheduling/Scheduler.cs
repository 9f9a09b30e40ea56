using Surge.Capacity.Nodes;
using Surge.Capacity.Pools;
using Surge.Capacity.ScaleOut;

namespace Surge.Capacity.Scheduling;

/// <summary>
/// Chooses a node for each instance: the service's own pool first, then pools that lend idle capacity in lender
/// priority order. Within a tier it spreads, taking the node with the most free CPU, ties broken by name, so the same
/// state and request always give the same placement.
/// </summary>
public static class Scheduler
{
    /// <summary>Places every instance of <paramref name="request"/>, or explains why they do not all fit.</summary>
    /// <param name="servicePools">The own pool of every declared service, to tell borrowed reservations from own ones.</param>
    public static PlacementDecision Place(
        PlacementRequest request,
        IReadOnlyList<NodeView> nodes,
        IReadOnlyList<PoolView> pools,
        IReadOnlyDictionary<string, string> servicePools)
    {
        var tiers = Tiers(request.OwnPool, pools);
        var ledger = nodes.ToDictionary(node => node.Name, node => new NodeBudget(node));
        var lending = pools.ToDictionary(pool => pool.Name, pool => LendBudget.For(pool, nodes, servicePools));
        var placements = new List<InstancePlacement>();

        foreach (var instanceId in request.InstanceIds)
        {
            var chosen = Choose(request, tiers, ledger.Values, lending);
            if (chosen is null)
            {
                return PlacementDecision.Failed(Explain(request, placements.Count, ledger.Values, tiers));
            }

            chosen.Take(request.Shape);
            if (chosen.Node.Spec.Pool != request.OwnPool)
            {
                lending[chosen.Node.Spec.Pool].Take(request.Shape);
            }

            placements.Add(new InstancePlacement(instanceId, chosen.Node.Name, chosen.Node.Spec.Pool));
        }

        return PlacementDecision.Placed(placements);
    }

    private static List<string> Tiers(string ownPool, IReadOnlyList<PoolView> pools) =>
    [
        ownPool,
        .. pools
            .Where(pool => pool.Name != ownPool && pool.Spec.LendsIdleCapacity)
            .OrderBy(pool => pool.Spec.LenderPriority)
            .ThenBy(pool => pool.Name, StringComparer.Ordinal)
            .Select(pool => pool.Name),
    ];

    private static NodeBudget? Choose(PlacementRequest request, List<string> tiers, IEnumerable<NodeBudget> budgets, Dictionary<string, LendBudget> lending)
    {
        foreach (var pool in tiers)
        {
            if (pool != request.OwnPool && !lending[pool].Fits(request.Shape))
            {
                continue;
            }

            var best = budgets
                .Where(budget => budget.Node.Spec.Pool == pool && budget.RejectionReason(request.Shape) is null)
                .OrderByDescending(budget => budget.FreeCpu)
                .ThenBy(budget => budget.Node.Name, StringComparer.Ordinal)
                .FirstOrDefault();
            if (best is not null)
            {
                return best;
            }
        }

        return null;
    }

    private static string Explain(PlacementRequest request, int placed, IEnumerable<NodeBudget> budgets, List<string> tiers)
    {
        var candidates = budgets.Where(budget => tiers.Contains(budget.Node.Spec.Pool)).OrderBy(budget => budget.Node.Name, StringComparer.Ordinal).ToList();
        var summary = request.InstanceIds.Count == placed
            ? ""
            : $"Only {placed} of {request.InstanceIds.Count} instances of {request.Service} ({request.Shape.CpuMillicores} millicores, {request.Shape.MemoryMiB} MiB each) fit in pools {string.Join(", ", tiers)}.";
        if (candidates.Count == 0)
        {
            return $"{summary} No node belongs to those pools; declare nodes in pool {request.OwnPool} or let another pool lend idle capacity.";
        }

        var reasons = candidates.Select(budget => $"{budget.Node.Name}: {budget.RejectionReason(request.Shape) ?? "lending limit of its pool reached"}");
        return $"{summary} {string.Join("; ", reasons)}.";
    }
}
