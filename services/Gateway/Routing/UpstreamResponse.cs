namespace Surge.Gateway.Routing;

/// <summary>An upstream service's response relayed unchanged: status, content type, body and <c>Retry-After</c>.</summary>
public sealed class UpstreamResponse(int statusCode, string? contentType, byte[] body, string? retryAfter = null) : IResult
{
    /// <summary>The upstream status code.</summary>
    public int StatusCode { get; } = statusCode;

    /// <summary>Reads the whole response of <paramref name="response"/>.</summary>
    public static async Task<UpstreamResponse> ReadAsync(HttpResponseMessage response, CancellationToken cancellationToken) =>
        new((int)response.StatusCode,
            response.Content.Headers.ContentType?.ToString(),
            await response.Content.ReadAsByteArrayAsync(cancellationToken),
            response.Headers.RetryAfter?.ToString());

    /// <inheritdoc />
    public async Task ExecuteAsync(HttpContext httpContext)
    {
        httpContext.Response.StatusCode = StatusCode;
        if (contentType is not null)
        {
            httpContext.Response.ContentType = contentType;
        }

        // A briefly unavailable service sends Retry-After, and the caller needs that header as much as the body.
        if (retryAfter is not null)
        {
            httpContext.Response.Headers.RetryAfter = retryAfter;
        }

        await httpContext.Response.Body.WriteAsync(body);
    }
}
