namespace Surge.ServiceDefaults.Problems;

/// <summary>Thrown when a service this one needs does not answer; becomes a 503, so senders that retry on 5xx do.</summary>
public sealed class DependencyUnavailableException(string dependency, Exception? inner = null)
    : Exception($"The {dependency} service did not answer. The request was not processed; retry it.", inner)
{
    /// <summary>The service that did not answer.</summary>
    public string Dependency { get; } = dependency;
}
