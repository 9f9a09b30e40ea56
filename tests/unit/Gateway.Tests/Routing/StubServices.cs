using Surge.Gateway.Options;
using Surge.Gateway.Routing;

namespace Surge.Gateway.Tests.Routing;

/// <summary>A <see cref="ServiceClient"/> whose requests to every service go to one test handler.</summary>
public static class StubServices
{
    /// <summary>Returns a client for the services at <c>http://{name}.test</c>, handled by <paramref name="handler"/>.</summary>
    public static ServiceClient Client(HttpMessageHandler handler, TimeSpan? timeout = null)
    {
        var urls = new ServiceUrls
        {
            Capacity = "http://capacity.test", Ipam = "http://ipam.test", Provisioner = "http://provisioner.test",
            Rollout = "http://rollout.test", LoadBalancer = "http://loadbalancer.test",
        };
        return new ServiceClient(new ClientFactory(handler, timeout ?? TimeSpan.FromSeconds(30)), Microsoft.Extensions.Options.Options.Create(urls));
    }

    private sealed class ClientFactory(HttpMessageHandler handler, TimeSpan timeout) : IHttpClientFactory
    {
        public HttpClient CreateClient(string name) => new(handler, disposeHandler: false) { Timeout = timeout };
    }
}
