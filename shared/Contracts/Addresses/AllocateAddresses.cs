namespace Surge.Contracts.Addresses;

/// <summary>Asks Ipam for one address per instance, each valid on the instance's node.</summary>
public sealed record AllocateAddresses(Guid SagaId, string Service, IReadOnlyList<AddressRequest> Requests) : ISagaMessage;

/// <summary>One instance that needs an address on a node of a pool.</summary>
public sealed record AddressRequest(Guid InstanceId, string Node, string Pool);
