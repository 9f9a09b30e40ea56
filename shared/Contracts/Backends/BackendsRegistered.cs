namespace Surge.Contracts.Backends;

/// <summary>Reports that the instances receive traffic through the load balancer.</summary>
public sealed record BackendsRegistered(Guid SagaId, string Service, IReadOnlyList<Guid> InstanceIds) : ISagaMessage;
