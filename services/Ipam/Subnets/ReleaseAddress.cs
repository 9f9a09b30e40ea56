namespace Surge.Ipam.Subnets;

/// <summary>Free the address allocated to the instance in the subnet, if any.</summary>
/// <param name="QuarantinedUntil">Until when the freed address may not be given out again; null for no quarantine.</param>
public sealed record ReleaseAddress(Guid InstanceId, string Reason, DateTimeOffset? QuarantinedUntil = null);
