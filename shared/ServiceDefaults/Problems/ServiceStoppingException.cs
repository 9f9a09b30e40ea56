namespace Surge.ServiceDefaults.Problems;

/// <summary>
/// Thrown when a request reaches a service that is shutting down and takes no new work. It becomes a 503, so a sender
/// that retries on 5xx reaches another replica or this one once it runs again.
/// </summary>
/// <param name="work">The kind of request that is no longer accepted, such as "allocation requests".</param>
public sealed class ServiceStoppingException(string work)
    : Exception($"The service is shutting down and accepts no more {work}. Nothing was changed, so retry the request.");
