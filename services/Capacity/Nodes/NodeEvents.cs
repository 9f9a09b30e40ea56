namespace Surge.Capacity.Nodes;

/// <summary>A node was declared or its declaration changed.</summary>
public sealed record NodeSpecified(string Name, NodeSpec Spec);

/// <summary>Resources on the node were set aside for an instance a saga is starting.</summary>
public sealed record NodeResourcesReserved(Guid InstanceId, Guid SagaId, string Service, int CpuMillicores, int MemoryMiB, DateTimeOffset At);

/// <summary>The instance serves traffic, so its reservation is now held for as long as the instance lives.</summary>
public sealed record ReservationCommitted(Guid InstanceId, DateTimeOffset At);

/// <summary>The reservation was given back, for example because its saga failed.</summary>
public sealed record ReservationReleased(Guid InstanceId, string Reason, DateTimeOffset At);

/// <summary>A scale-in saga chose the instance for removal, so no other scale-in may choose it.</summary>
public sealed record ReservationReleaseStarted(Guid InstanceId, Guid SagaId, DateTimeOffset At);

/// <summary>The scale-in saga that chose the instance gave up before stopping it, so the instance stays and may be chosen again.</summary>
public sealed record ReservationReleaseCancelled(Guid InstanceId, Guid SagaId, DateTimeOffset At);
