using System.Net.Http.Headers;
using Microsoft.Extensions.Options;
using Surge.Gateway.Options;
using Surge.ServiceDefaults.Correlation;

namespace Surge.Gateway.Routing;

/// <summary>Sends the gateway's own requests to a service, carrying the caller's correlation id.</summary>
public sealed class ServiceClient(IHttpClientFactory clients, IOptions<ServiceUrls> services)
{
    /// <summary>Sends a request to <paramref name="service"/> (a route name such as <c>capacity</c>) at <paramref name="path"/>.</summary>
    public Task<HttpResponseMessage> SendAsync(string service, HttpMethod method, string path, HttpContent? content, string correlationId, CancellationToken cancellationToken)
    {
        var baseUrl = services.Value.ByName()[service].TrimEnd('/');
        var request = new HttpRequestMessage(method, baseUrl + path) { Content = content };
        request.Headers.Add(CorrelationContext.HeaderName, correlationId);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        return clients.CreateClient(GatewayRegistration.ServicesClient).SendAsync(request, cancellationToken);
    }

    /// <summary>Returns the names of all services.</summary>
    public IEnumerable<string> ServiceNames => services.Value.ByName().Keys;
}
