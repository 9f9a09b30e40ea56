namespace Surge.Cli.Http;

/// <summary>The inventory as <c>GET /api/inventory/{service}</c> and <c>POST /api/inventory</c> return it.</summary>
/// <param name="Service">The service whose rules applied, or null when the shape was counted in every pool.</param>
/// <param name="Fits">More instances that fit on existing nodes: <paramref name="Own"/>, <paramref name="Borrowable"/> and <paramref name="Overflow"/> together.</param>
/// <param name="Limit">The camelCase name of the check that rejects the next instance on most nodes, such as <c>cpu</c>.</param>
internal sealed record InventoryReportView(
    string? Service,
    InventoryShapeView Shape,
    long Fits,
    long Own,
    long Borrowable,
    long Overflow,
    string Limit,
    IReadOnlyList<InventoryCellView>? Cells,
    IReadOnlyList<CloudOverflowView>? CloudOverflow);

/// <summary>The shape the gateway counted, with the service's own values filled in.</summary>
internal sealed record InventoryShapeView(int CpuMillicores, int MemoryMiB, int DiskGiB, int SwapMiB, int? MaxPerNode, int? MaxPerZone);

/// <summary>The count for one pool, zone and source (<c>own</c>, <c>borrowed</c> or <c>overflow</c>).</summary>
internal sealed record InventoryCellView(string Pool, string Zone, string Source, long Fits, string Limit, int Nodes);

/// <summary>What new nodes of one cloud provider (kind <c>private</c> or <c>public</c>) could hold.</summary>
internal sealed record CloudOverflowView(string Provider, string Kind, int NodesLeft, long PerNode, long Fits);
