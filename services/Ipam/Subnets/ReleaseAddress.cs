namespace Surge.Ipam.Subnets;

/// <summary>Free the address allocated to the instance in the subnet, if any.</summary>
public sealed record ReleaseAddress(Guid InstanceId, string Reason);
