namespace Surge.Ipam.Blocks;

/// <summary>
/// One address held by one instance, keyed by the address. The document id is the table's primary key and the
/// instance id has a unique index, so PostgreSQL refuses a transaction that would give one address to two instances
/// or two addresses to one instance, whatever the code above it decided.
/// </summary>
/// <param name="Id">The address in canonical text form.</param>
/// <param name="SagaId">The saga that asked for the address; empty when it was allocated through the API or reclaimed by reconciliation.</param>
public sealed record AddressHolding(string Id, Guid InstanceId, string Subnet, string Block, string Node, DateTimeOffset Since, Guid SagaId = default);
