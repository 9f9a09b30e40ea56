namespace Surge.ServiceDefaults.Problems;

/// <summary>
/// Thrown when a service this one needs does not respond or fails the request. It becomes a 503, so senders that
/// retry on 5xx retry.
/// </summary>
public sealed class DependencyUnavailableException : Exception
{
    /// <summary>Creates the exception for a service that could not be reached or did not respond in time.</summary>
    public DependencyUnavailableException(string dependency, Exception? inner = null)
        : this(dependency, $"The {dependency} service did not respond. The request was not processed. Retry it.", inner)
    {
    }

    private DependencyUnavailableException(string dependency, string message, Exception? inner)
        : base(message, inner)
    {
        Dependency = dependency;
    }

    /// <summary>The service that did not respond or failed the request.</summary>
    public string Dependency { get; }

    /// <summary>
    /// Creates the exception for a service that could not be reached or did not respond in time, ending the message
    /// with <paramref name="nextStep"/> where the request may have changed something before the failure.
    /// </summary>
    public static DependencyUnavailableException NotResponding(string dependency, string nextStep, Exception? inner) =>
        new(dependency, $"The {dependency} service did not respond. {nextStep}", inner);

    /// <summary>
    /// Creates the exception for a service that responded with an error status. The message quotes the service's own
    /// explanation, when it sent one, and ends with <paramref name="nextStep"/>: only the caller knows what its
    /// request changed before the failure.
    /// </summary>
    public static DependencyUnavailableException Responded(string dependency, int statusCode, string? explanation, string nextStep)
    {
        var quoted = string.IsNullOrWhiteSpace(explanation) ? "." : $": {explanation.Trim()}";

        // The explanation of a briefly unavailable service already requests a retry, so a second request is left out.
        var next = MentionsRetry(explanation) && MentionsRetry(nextStep) ? "" : $" {nextStep}";
        return new DependencyUnavailableException(dependency, $"The {dependency} service responded {statusCode}{quoted}{next}", null);
    }

    private static bool MentionsRetry(string? text) => text?.Contains("retry", StringComparison.OrdinalIgnoreCase) == true;
}
