using Surge.Capacity.Nodes;

namespace Surge.Capacity.ServiceCatalog;

/// <summary>The resources one instance of a service needs, and the rules for where its instances may go.</summary>
/// <param name="DiskGiB">Local disk quota of one instance, in GiB.</param>
/// <param name="SwapMiB">Swap limit of one instance, in MiB.</param>
/// <param name="MaxPerNode">The most instances of the service on one node; null for no limit.</param>
/// <param name="MaxPerZone">The most instances of the service in one zone; null for no limit.</param>
/// <param name="RequiredLabels">Labels a node must carry, with these values, to take an instance.</param>
/// <param name="Tolerations">Taints the instances tolerate.</param>
public sealed record InstanceShapeSpec(
    int CpuMillicores,
    int MemoryMiB,
    int DiskGiB = 0,
    int SwapMiB = 0,
    int? MaxPerNode = null,
    int? MaxPerZone = null,
    IReadOnlyDictionary<string, string>? RequiredLabels = null,
    IReadOnlyList<NodeTaint>? Tolerations = null);
