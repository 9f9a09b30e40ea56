namespace Surge.Contracts.Addresses;

/// <summary>Asks Ipam to release the addresses held by these instances.</summary>
public sealed record ReleaseAddresses(Guid SagaId, IReadOnlyList<Guid> InstanceIds, string Reason) : ISagaMessage;
