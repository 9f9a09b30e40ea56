using System.Net;
using System.Text;

namespace Surge.Cli.Tests;

/// <summary>An HTTP handler that records each request and returns a fixed response.</summary>
internal sealed class RecordingHandler(HttpStatusCode status, string body, string mediaType = "application/json") : HttpMessageHandler
{
    public List<(HttpRequestMessage Request, string Body)> Requests { get; } = [];

    public Dictionary<string, string> ResponseHeaders { get; } = [];

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var requestBody = request.Content is null ? "" : await request.Content.ReadAsStringAsync(cancellationToken);
        Requests.Add((request, requestBody));

        var response = new HttpResponseMessage(status) { Content = new StringContent(body, Encoding.UTF8, mediaType) };
        foreach (var (name, value) in ResponseHeaders)
        {
            response.Headers.Add(name, value);
        }

        return response;
    }
}
