namespace Surge.LoadBalancer.Pools;

/// <summary>An instance joined a service's backend pool and receives traffic at <paramref name="Endpoint"/>.</summary>
/// <param name="InstanceId">The instance that serves the traffic.</param>
/// <param name="Endpoint">The absolute http or https URL the data plane forwards to.</param>
/// <param name="SagaId">The saga that registered the backend.</param>
/// <param name="Weight">The backend's relative share of traffic. Round robin ignores it.</param>
public sealed record BackendAdded(Guid InstanceId, string Endpoint, Guid SagaId, int Weight = 1);
