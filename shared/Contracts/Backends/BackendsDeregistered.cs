namespace Surge.Contracts.Backends;

/// <summary>Reports that the load balancer no longer sends traffic to these instances, or never did.</summary>
public sealed record BackendsDeregistered(Guid SagaId, string Service, IReadOnlyList<Guid> InstanceIds) : ISagaMessage;
