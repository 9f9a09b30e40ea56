namespace Surge.Capacity.Nodes;

/// <summary>Resources held on a node for one instance.</summary>
/// <param name="Committed">False while the saga that made it is still running.</param>
/// <param name="ReservedAt">When the resources were set aside; null for reservations recorded before this was kept.</param>
/// <param name="ReleasingSagaId">The scale-in saga that chose the instance for removal; null while no scale-in holds it.</param>
/// <param name="DiskGiB">Local disk quota held, in GiB.</param>
/// <param name="SwapMiB">Swap held, in MiB.</param>
/// <param name="ExpiresAt">When an uncommitted reservation is released unless its saga commits or releases it first.</param>
public sealed record Reservation(
    Guid InstanceId,
    Guid SagaId,
    string Service,
    int CpuMillicores,
    int MemoryMiB,
    bool Committed,
    DateTimeOffset? ReservedAt = null,
    Guid? ReleasingSagaId = null,
    int DiskGiB = 0,
    int SwapMiB = 0,
    DateTimeOffset? ExpiresAt = null);
