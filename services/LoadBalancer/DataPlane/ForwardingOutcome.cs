using Yarp.ReverseProxy.Forwarder;

namespace Surge.LoadBalancer.DataPlane;

/// <summary>Decides whether a request the data plane forwarded to a backend failed because of the backend.</summary>
public static class ForwardingOutcome
{
    /// <summary>
    /// Returns true for a 5xx response from the backend, or for a forwarding error on the backend's side: a refused or reset
    /// connection, a timeout, or a broken request or response body. Errors of the client, such as a cancelled request,
    /// do not count against the backend.
    /// </summary>
    public static bool IsFailure(int statusCode, ForwarderError error) => error switch
    {
        ForwarderError.None => statusCode >= StatusCodes.Status500InternalServerError,
        ForwarderError.Request
            or ForwarderError.RequestTimedOut
            or ForwarderError.RequestBodyDestination
            or ForwarderError.ResponseBodyDestination
            or ForwarderError.UpgradeResponseDestination => true,
        _ => false,
    };
}
