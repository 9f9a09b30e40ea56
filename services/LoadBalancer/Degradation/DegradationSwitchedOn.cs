using Surge.Contracts.Degradation;

namespace Surge.LoadBalancer.Degradation;

/// <summary>A saga switched degradation of the service on: requests to <paramref name="NonCriticalRoutes"/> get 503 until it switches off.</summary>
/// <param name="SagaId">The saga that holds the switch.</param>
/// <param name="RetryAfter">The <c>Retry-After</c> the rejected requests get.</param>
/// <param name="Reason">Why the saga degrades the service.</param>
public sealed record DegradationSwitchedOn(Guid SagaId, IReadOnlyList<NonCriticalRoute> NonCriticalRoutes, TimeSpan RetryAfter, string Reason);
