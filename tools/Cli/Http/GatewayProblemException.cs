namespace Surge.Cli.Http;

/// <summary>The gateway responded with an error status. <see cref="Problem"/> contains the problem details body when there was one.</summary>
internal sealed class GatewayProblemException(HttpMethod method, Uri url, int status, ProblemView? problem, string? body)
    : Exception($"{method} {url} returned HTTP {status}.")
{
    public HttpMethod Method { get; } = method;

    public Uri Url { get; } = url;

    public int Status { get; } = status;

    public ProblemView? Problem { get; } = problem;

    /// <summary>The start of the response body when it was not problem details, for the error message.</summary>
    public string? Body { get; } = body;
}
