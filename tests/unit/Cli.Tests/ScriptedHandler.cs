using System.Net;
using System.Text;

namespace Surge.Cli.Tests;

/// <summary>An HTTP handler that records each request and returns the next scripted response, repeating the last one.</summary>
internal sealed class ScriptedHandler(params (HttpStatusCode Status, string Body)[] responses) : HttpMessageHandler
{
    private int next;

    public List<(HttpRequestMessage Request, string Body)> Requests { get; } = [];

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var requestBody = request.Content is null ? "" : await request.Content.ReadAsStringAsync(cancellationToken);
        Requests.Add((request, requestBody));

        var (status, body) = responses[Math.Min(next++, responses.Length - 1)];
        var mediaType = (int)status >= 400 ? "application/problem+json" : "application/json";
        return new HttpResponseMessage(status) { Content = new StringContent(body, Encoding.UTF8, mediaType) };
    }
}
