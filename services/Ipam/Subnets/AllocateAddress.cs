namespace Surge.Ipam.Subnets;

/// <summary>Give the instance an address of the subnet, or the one it already has.</summary>
/// <param name="Now">The time of the request; an address whose quarantine ends after it is not given out. Null treats every quarantine as running.</param>
public sealed record AllocateAddress(Guid InstanceId, Guid SagaId, string Node, DateTimeOffset? Now = null);
