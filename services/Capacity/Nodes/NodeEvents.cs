namespace Surge.Capacity.Nodes;

/// <summary>A node was declared or its declaration changed.</summary>
public sealed record NodeSpecified(string Name, NodeSpec Spec);

/// <summary>Resources on the node were set aside for an instance a saga is starting.</summary>
/// <param name="ExpiresAt">When the reservation is released if the saga has neither committed nor released it; null for reservations recorded before reservations expired.</param>
public sealed record NodeResourcesReserved(
    Guid InstanceId,
    Guid SagaId,
    string Service,
    int CpuMillicores,
    int MemoryMiB,
    DateTimeOffset At,
    int DiskGiB = 0,
    int SwapMiB = 0,
    DateTimeOffset? ExpiresAt = null);

/// <summary>The instance serves traffic, so its reservation is now held for as long as the instance lives.</summary>
public sealed record ReservationCommitted(Guid InstanceId, DateTimeOffset At);

/// <summary>The reservation was given back, for example because its saga failed.</summary>
public sealed record ReservationReleased(Guid InstanceId, string Reason, DateTimeOffset At);

/// <summary>The reservation was neither committed nor released before it expired, so Capacity released it.</summary>
public sealed record ReservationExpired(Guid InstanceId, Guid SagaId, DateTimeOffset ExpiredAt, DateTimeOffset At);

/// <summary>A scale-in saga chose the instance for removal, so no other scale-in may choose it.</summary>
public sealed record ReservationReleaseStarted(Guid InstanceId, Guid SagaId, DateTimeOffset At);

/// <summary>The scale-in saga that chose the instance gave up before stopping it, so the instance stays and may be chosen again.</summary>
public sealed record ReservationReleaseCancelled(Guid InstanceId, Guid SagaId, DateTimeOffset At);

/// <summary>An overflow node held no instance for the idle time, so Capacity asked its provider to delete it; it takes no new instances.</summary>
public sealed record NodeReleaseStarted(Guid RequestId, string Reason, DateTimeOffset At);

/// <summary>The provider deleted the overflow node; it leaves the fleet.</summary>
public sealed record NodeRemoved(string Reason, DateTimeOffset At);
