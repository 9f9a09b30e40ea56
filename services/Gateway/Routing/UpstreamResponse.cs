namespace Surge.Gateway.Routing;

/// <summary>An upstream service's response relayed unchanged: status, content type and body.</summary>
public sealed class UpstreamResponse(int statusCode, string? contentType, byte[] body) : IResult
{
    /// <summary>The upstream status code.</summary>
    public int StatusCode { get; } = statusCode;

    /// <summary>Reads the whole response of <paramref name="response"/>.</summary>
    public static async Task<UpstreamResponse> ReadAsync(HttpResponseMessage response, CancellationToken cancellationToken) =>
        new((int)response.StatusCode, response.Content.Headers.ContentType?.ToString(), await response.Content.ReadAsByteArrayAsync(cancellationToken));

    /// <inheritdoc />
    public async Task ExecuteAsync(HttpContext httpContext)
    {
        httpContext.Response.StatusCode = StatusCode;
        if (contentType is not null)
        {
            httpContext.Response.ContentType = contentType;
        }

        await httpContext.Response.Body.WriteAsync(body);
    }
}
