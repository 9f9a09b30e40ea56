namespace Surge.Contracts.Instances;

/// <summary>The resources one instance of a service needs and the image it runs.</summary>
public sealed record InstanceShape(int CpuMillicores, int MemoryMiB, string Image);
