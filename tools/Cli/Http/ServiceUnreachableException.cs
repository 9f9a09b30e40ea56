namespace Surge.Cli.Http;

/// <summary>A request failed before any HTTP response: the connection was refused or reset, or the request timed out.</summary>
internal sealed class ServiceUnreachableException(Uri url, string reason, Exception inner)
    : Exception($"{url}: {reason}", inner)
{
    public Uri Url { get; } = url;

    /// <summary>The underlying error message.</summary>
    public string Reason { get; } = reason;
}
