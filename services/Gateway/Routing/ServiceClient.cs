using System.Net.Http.Headers;
using Microsoft.Extensions.Options;
using Surge.Gateway.Options;
using Surge.ServiceDefaults.Correlation;

namespace Surge.Gateway.Routing;

/// <summary>Sends the gateway's own requests to a service, carrying the caller's correlation id.</summary>
public sealed class ServiceClient(IHttpClientFactory clients, IOptions<ServiceUrls> services)
{
    /// <summary>
    /// Sends a request to <paramref name="service"/> (a route name such as <c>capacity</c>) at <paramref name="path"/>.
    /// A service that does not respond within the client's timeout fails with an <see cref="HttpRequestException"/>,
    /// like one that cannot be reached, so callers report both as the service not responding.
    /// </summary>
    public async Task<HttpResponseMessage> SendAsync(string service, HttpMethod method, string path, HttpContent? content, string correlationId, CancellationToken cancellationToken)
    {
        var baseUrl = services.Value.ByName()[service].TrimEnd('/');
        using var request = new HttpRequestMessage(method, baseUrl + path) { Content = content };
        request.Headers.Add(CorrelationContext.HeaderName, correlationId);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        var client = clients.CreateClient(GatewayRegistration.ServicesClient);
        try
        {
            return await client.SendAsync(request, cancellationToken);
        }
        catch (TaskCanceledException exception) when (!cancellationToken.IsCancellationRequested)
        {
            throw new HttpRequestException($"The {service} service did not respond within {client.Timeout.TotalSeconds:0.#} s.", exception);
        }
    }

    /// <summary>Returns the names of all services.</summary>
    public IEnumerable<string> ServiceNames => services.Value.ByName().Keys;
}
