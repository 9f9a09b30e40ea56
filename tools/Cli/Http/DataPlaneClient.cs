using Surge.Cli.Resources;

namespace Surge.Cli.Http;

/// <summary>Sends traffic through the load balancer's data plane, as a client of a service would.</summary>
/// <param name="dataPlane">The data plane's base URL, ending with <c>/</c>.</param>
internal sealed class DataPlaneClient(JsonHttp http, Uri dataPlane)
{
    public Uri BaseUrl { get; } = dataPlane;

    /// <summary>Sends <c>GET {data plane}/{service}/</c> and returns the instance that served it.</summary>
    /// <returns>The reply, or a null reply and the reason when the request failed or the response names no instance.</returns>
    public async Task<(InstanceReply? Reply, string? Failure)> SendAsync(string service, CancellationToken cancellationToken)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, new Uri(BaseUrl, Uri.EscapeDataString(service) + "/"));
        try
        {
            var reply = await http.SendForJsonAsync<InstanceReply>(request, cancellationToken);
            return string.IsNullOrEmpty(reply.InstanceId) ? (null, Strings.TrafficFailureNoInstanceId) : (reply, null);
        }
        catch (GatewayProblemException exception)
        {
            return (null, "HTTP " + exception.Status);
        }
        catch (ServiceUnreachableException exception)
        {
            return (null, exception.Reason);
        }
        catch (CliFailureException)
        {
            return (null, Strings.TrafficFailureNotJson);
        }
    }
}
