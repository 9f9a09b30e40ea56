namespace Surge.ServiceDefaults.Problems;

/// <summary>
/// Thrown when a request reaches a service that is shutting down and takes no new work. It becomes a 503, so a sender
/// that retries on 5xx reaches another replica or this one once it runs again.
/// </summary>
public sealed class ServiceStoppingException(string what)
    : Exception($"The service is shutting down and takes no more {what}. Nothing was changed; retry the request.");
