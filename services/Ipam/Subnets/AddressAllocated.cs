namespace Surge.Ipam.Subnets;

/// <summary>An address of the subnet was given to an instance.</summary>
/// <param name="Address">The address in canonical text form.</param>
/// <param name="InstanceId">The instance the address is allocated to.</param>
/// <param name="SagaId">The saga that requested it.</param>
/// <param name="Node">The node the instance runs on.</param>
public sealed record AddressAllocated(string Address, Guid InstanceId, Guid SagaId, string Node);
