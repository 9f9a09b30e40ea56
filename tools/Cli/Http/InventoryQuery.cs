using System.Text.Json.Serialization;

namespace Surge.Cli.Http;

/// <summary>The body of <c>POST /api/inventory</c>. Null fields are left out, so the gateway applies the service's values.</summary>
/// <param name="Shape">The shape to count, or null to count the service's own shape.</param>
/// <param name="Service">The service whose pools and spread rules apply, or null to count the shape in every pool.</param>
/// <param name="Strategy"><c>spread</c> or <c>pack</c>, or null to keep the service's or the scheduler's default.</param>
internal sealed record InventoryQuery(
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] InventoryShape? Shape,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Service,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Strategy);

/// <summary>The resources of one instance that <c>surge-cli inventory</c> sends. The gateway's other shape fields keep their defaults.</summary>
internal sealed record InventoryShape(int CpuMillicores, int MemoryMiB);
