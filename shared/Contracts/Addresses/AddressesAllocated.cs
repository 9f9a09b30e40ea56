namespace Surge.Contracts.Addresses;

/// <summary>Reports that every requested instance holds an address.</summary>
public sealed record AddressesAllocated(Guid SagaId, IReadOnlyList<AddressAssignment> Assignments) : ISagaMessage;

/// <summary>The address an instance received and the subnet it came from.</summary>
public sealed record AddressAssignment(Guid InstanceId, string Subnet, string Address);
