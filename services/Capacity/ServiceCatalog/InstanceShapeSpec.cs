namespace Surge.Capacity.ServiceCatalog;

/// <summary>The resources one instance of a service needs.</summary>
public sealed record InstanceShapeSpec(int CpuMillicores, int MemoryMiB);
