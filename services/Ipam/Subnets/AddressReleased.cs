namespace Surge.Ipam.Subnets;

/// <summary>An instance gave its address back; it is free again once its quarantine ends.</summary>
/// <param name="QuarantinedUntil">Until when no instance may get the address, so stale caches of it expire; null for no quarantine.</param>
public sealed record AddressReleased(string Address, Guid InstanceId, string Reason, DateTimeOffset? QuarantinedUntil = null);
