namespace Surge.Ipam.Blocks;

/// <summary>
/// One address held by one instance, as <see cref="AddressLedger"/> folds it from the ledger, which keeps one holder
/// per address and one address per instance.
/// </summary>
/// <param name="Id">The address in canonical text form.</param>
/// <param name="SagaId">The saga that asked for the address; empty when it was allocated through the API or reclaimed by reconciliation.</param>
public sealed record AddressHolding(string Id, Guid InstanceId, string Subnet, string Block, string Node, DateTimeOffset Since, Guid SagaId = default);
