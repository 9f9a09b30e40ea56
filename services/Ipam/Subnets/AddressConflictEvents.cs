namespace Surge.Ipam.Subnets;

/// <summary>Reconciliation found an address in use by an instance Ipam did not give it to.</summary>
public sealed record AddressConflictFound(string Address, Guid InstanceId, string Node, Guid? HeldBy, string Reason, DateTimeOffset At);

/// <summary>A later report no longer shows the conflicting use of the address.</summary>
public sealed record AddressConflictCleared(string Address, Guid InstanceId, DateTimeOffset At);
