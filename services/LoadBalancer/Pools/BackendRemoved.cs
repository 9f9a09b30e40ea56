namespace Surge.LoadBalancer.Pools;

/// <summary>An instance left a service's backend pool and receives no more new requests.</summary>
public sealed record BackendRemoved(Guid InstanceId, string Reason);
