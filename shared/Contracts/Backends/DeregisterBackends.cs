namespace Surge.Contracts.Backends;

/// <summary>Asks the load balancer to remove instances from a service's backend pool.</summary>
public sealed record DeregisterBackends(Guid SagaId, string Service, IReadOnlyList<Guid> InstanceIds, string Reason) : ISagaMessage;
