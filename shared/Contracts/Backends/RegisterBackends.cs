namespace Surge.Contracts.Backends;

/// <summary>Asks the load balancer to add instances to a service's backend pool.</summary>
public sealed record RegisterBackends(Guid SagaId, string Service, IReadOnlyList<Backend> Backends) : ISagaMessage;

/// <summary>One backend: the instance and the HTTP endpoint it serves on.</summary>
public sealed record Backend(Guid InstanceId, string Endpoint);
