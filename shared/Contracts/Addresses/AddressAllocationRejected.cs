namespace Surge.Contracts.Addresses;

/// <summary>Reports that Ipam could not give every requested instance an address; none were allocated.</summary>
public sealed record AddressAllocationRejected(Guid SagaId, string Reason) : ISagaMessage;
