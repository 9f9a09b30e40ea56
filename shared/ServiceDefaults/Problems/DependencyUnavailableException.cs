namespace Surge.ServiceDefaults.Problems;

/// <summary>Thrown when a service this one needs does not respond. It becomes a 503, so senders that retry on 5xx retry.</summary>
public sealed class DependencyUnavailableException(string dependency, Exception? inner = null)
    : Exception($"The {dependency} service did not respond. The request was not processed. Retry it.", inner)
{
    /// <summary>The service that did not respond.</summary>
    public string Dependency { get; } = dependency;
}
