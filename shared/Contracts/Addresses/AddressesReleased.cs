namespace Surge.Contracts.Addresses;

/// <summary>Reports that Ipam released the addresses of these instances, or that they held none.</summary>
public sealed record AddressesReleased(Guid SagaId, IReadOnlyList<Guid> InstanceIds) : ISagaMessage;
