using System.Net.Http.Headers;
using System.Text.Json;
using Surge.Cli.Resources;

namespace Surge.Cli.Http;

/// <summary>Sends requests and reads JSON responses, turning transport errors and error statuses into this tool's exceptions.</summary>
internal sealed class JsonHttp(HttpClient http)
{
    /// <summary>camelCase names, case-insensitive reading: what ASP.NET Core services write.</summary>
    public static readonly JsonSerializerOptions SerializerOptions = new(JsonSerializerDefaults.Web);

    private const int BodyExcerptLength = 300;

    /// <summary>Sends <paramref name="request"/> and returns the response, whatever its status.</summary>
    /// <exception cref="ServiceUnreachableException">No HTTP response arrived: connection refused, reset, or timed out.</exception>
    public async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        try
        {
            return await http.SendAsync(request, cancellationToken);
        }
        catch (HttpRequestException exception)
        {
            throw new ServiceUnreachableException(request.RequestUri!, exception.Message, exception);
        }
        catch (TaskCanceledException exception) when (!cancellationToken.IsCancellationRequested)
        {
            var reason = Text.Format(Strings.ErrorRequestTimedOut, http.Timeout.TotalSeconds);
            throw new ServiceUnreachableException(request.RequestUri!, reason, exception);
        }
    }

    /// <summary>Sends <paramref name="request"/>, disposes it, and reads a 2xx response as <typeparamref name="T"/>.</summary>
    /// <exception cref="GatewayProblemException">The response has an error status.</exception>
    public async Task<T> SendForJsonAsync<T>(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        using var ownedRequest = request;
        using var response = await SendAsync(request, cancellationToken);
        return await ReadJsonAsync<T>(request, response, cancellationToken);
    }

    /// <summary>Sends <paramref name="request"/>, disposes it, and returns a 2xx response's body both as text and read as <typeparamref name="T"/>.</summary>
    /// <exception cref="GatewayProblemException">The response has an error status.</exception>
    public async Task<JsonReply<T>> SendForJsonReplyAsync<T>(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        using var ownedRequest = request;
        using var response = await SendAsync(request, cancellationToken);
        var body = await ReadSuccessBodyAsync(request, response, cancellationToken);
        return new JsonReply<T>(Deserialize<T>(request, body), body);
    }

    /// <summary>Reads a 2xx response as <typeparamref name="T"/>, or throws <see cref="GatewayProblemException"/> for any other status.</summary>
    public static async Task<T> ReadJsonAsync<T>(HttpRequestMessage request, HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var body = await ReadSuccessBodyAsync(request, response, cancellationToken);
        return Deserialize<T>(request, body);
    }

    /// <summary>Creates request content with exactly <paramref name="mediaType"/> as Content-Type, without a charset parameter.</summary>
    public static ByteArrayContent Content(byte[] body, string mediaType)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue(mediaType);
        return content;
    }

    private static async Task<string> ReadSuccessBodyAsync(HttpRequestMessage request, HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new GatewayProblemException(
                request.Method, request.RequestUri!, (int)response.StatusCode, ReadProblem(response, body), Excerpt(body));
        }

        return body;
    }

    private static T Deserialize<T>(HttpRequestMessage request, string body)
    {
        try
        {
            return JsonSerializer.Deserialize<T>(body, SerializerOptions)
                ?? throw new JsonException("The body is the JSON literal null.");
        }
        catch (JsonException exception)
        {
            throw new CliFailureException(Text.Format(
                Strings.ErrorUnexpectedResponse, request.Method, request.RequestUri, exception.Message, Excerpt(body)));
        }
    }

    private static ProblemView? ReadProblem(HttpResponseMessage response, string body)
    {
        var mediaType = response.Content.Headers.ContentType?.MediaType;
        if (mediaType is null || !mediaType.EndsWith("json", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<ProblemView>(body, SerializerOptions);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string Excerpt(string body) =>
        body.Length <= BodyExcerptLength ? body.Trim() : body[..BodyExcerptLength].Trim() + "…";
}
