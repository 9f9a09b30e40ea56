namespace Surge.LoadBalancer.Pools;

/// <summary>
/// A member of a service's pool got a new weight and stays a member. Weight 0 sends it no new requests; a weight above 0
/// puts it back in rotation.
/// </summary>
/// <param name="InstanceId">The member whose weight changed.</param>
/// <param name="Weight">The new weight, from 0 to <see cref="BackendWeightLimits.Max"/>.</param>
/// <param name="SagaId">The saga that asked for the weight.</param>
public sealed record BackendWeightChanged(Guid InstanceId, int Weight, Guid SagaId);
