using Surge.Capacity.ServiceCatalog;
using Surge.Contracts.Degradation;

namespace Surge.Capacity.ScaleOut;

/// <summary>
/// A saga's degradation terms, fixed when it is requested: when to switch degradation on, and what the service
/// declared to reject while it is on.
/// </summary>
/// <param name="WhileScaling">Switch on as the first step.</param>
/// <param name="MaxTimeToCapacity">Switch on when cloud nodes are expected to take longer than this.</param>
/// <param name="NonCriticalRoutes">The service's non-critical routes at request time.</param>
/// <param name="RetryAfter">The service's <c>Retry-After</c> at request time.</param>
public sealed record ScaleOutDegradation(bool WhileScaling, TimeSpan? MaxTimeToCapacity, IReadOnlyList<NonCriticalRoute> NonCriticalRoutes, TimeSpan RetryAfter)
{
    /// <summary>
    /// Returns the terms for a request on <paramref name="service"/>, or null when the request asks for no degradation
    /// or the service declares no non-critical routes, since there would be nothing to switch.
    /// </summary>
    public static ScaleOutDegradation? For(DegradeWhileScaling? degrade, ServiceSpec service)
    {
        if (degrade is not { IsRequested: true } || service.Degradation is not { } declared || declared.Routes() is not { Count: > 0 } routes)
        {
            return null;
        }

        return new ScaleOutDegradation(degrade.WhileScaling, degrade.MaxTimeToCapacity, routes, declared.RetryAfterOrDefault());
    }
}
