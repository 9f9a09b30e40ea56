namespace Surge.Capacity.Nodes;

/// <summary>Resources held on a node for one instance.</summary>
/// <param name="Committed">False while the saga that made it is still running.</param>
public sealed record Reservation(Guid InstanceId, Guid SagaId, string Service, int CpuMillicores, int MemoryMiB, bool Committed);
