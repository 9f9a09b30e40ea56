namespace Surge.Gateway.Invariants;

/// <summary>A node as Capacity's <c>GET /nodes</c> returns it, reduced to what the invariant checker reads.</summary>
public sealed record NodeRecord(string Name, NodeCapacity Spec, IReadOnlyList<ReservationRecord> Reservations);

/// <summary>A node's allocatable resources.</summary>
/// <param name="CpuMillicores">Allocatable CPU in millicores.</param>
/// <param name="MemoryMiB">Allocatable memory in MiB.</param>
public sealed record NodeCapacity(int CpuMillicores, int MemoryMiB);

/// <summary>Resources a node holds for one instance.</summary>
/// <param name="Committed">False while the saga that made the reservation is still running.</param>
public sealed record ReservationRecord(Guid InstanceId, Guid SagaId, string Service, int CpuMillicores, int MemoryMiB, bool Committed);
