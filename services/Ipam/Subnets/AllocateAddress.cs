namespace Surge.Ipam.Subnets;

/// <summary>Give the instance an address of the subnet, or the one it already has.</summary>
public sealed record AllocateAddress(Guid InstanceId, Guid SagaId, string Node);
