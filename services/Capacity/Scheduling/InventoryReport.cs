using Surge.Capacity.ServiceCatalog;

namespace Surge.Capacity.Scheduling;

/// <summary>How many more instances of a shape fit, where, and what stops the next one.</summary>
/// <param name="Service">The service whose pool and spread rules were applied; null for the shape alone in every pool.</param>
/// <param name="Fits">How many more instances fit on existing nodes: own, borrowable and existing overflow nodes together.</param>
/// <param name="Own">Of those, on declared nodes of the service's own pool (every pool when no service was given).</param>
/// <param name="Borrowable">Of those, on idle capacity other pools lend.</param>
/// <param name="Overflow">Of those, on overflow nodes cloud providers already added to the pool.</param>
/// <param name="Limit">What rejects the next instance on most nodes once those fit.</param>
/// <param name="Cells">The same counts per pool, zone and source, in the scheduler's order of preference.</param>
/// <param name="CloudOverflow">What new cloud nodes could add, per provider, within their quotas.</param>
/// <param name="Rejections">When asked for, why each node the service may use would reject the next instance; null otherwise.</param>
public sealed record InventoryReport(
    string? Service,
    InstanceShapeSpec Shape,
    long Fits,
    long Own,
    long Borrowable,
    long Overflow,
    PlacementDimension Limit,
    IReadOnlyList<InventoryCell> Cells,
    IReadOnlyList<CloudOverflowCapacity> CloudOverflow,
    IReadOnlyList<NodeRejection>? Rejections = null);

/// <summary>How many more instances fit in one zone of one pool, from one source, and what stops the next one there.</summary>
public sealed record InventoryCell(string Pool, string Zone, PlacementSource Source, long Fits, PlacementDimension Limit, int Nodes);

/// <summary>How many more instances new nodes of one cloud provider could hold.</summary>
/// <param name="NodesLeft">How many more nodes the provider's quota allows.</param>
/// <param name="PerNode">How many instances of the shape fit on one new node.</param>
/// <param name="Fits">Instances the new nodes could hold within the service's spread limits.</param>
public sealed record CloudOverflowCapacity(string Provider, CloudKind Kind, int NodesLeft, long PerNode, long Fits);
