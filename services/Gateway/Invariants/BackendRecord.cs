namespace Surge.Gateway.Invariants;

/// <summary>A member of a service's load-balancer pool, from LoadBalancer's <c>GET /services/{service}/backends</c>.</summary>
public sealed record BackendRecord(string Service, Guid InstanceId, string Endpoint, Guid SagaId);
