using Microsoft.AspNetCore.Mvc;
using Surge.Gateway.Options;
using Surge.ServiceDefaults.Problems;
using Yarp.ReverseProxy.Forwarder;

namespace Surge.Gateway.Routing;

/// <summary>
/// Writes a problem for a request the proxy could not forward, naming the service, its address and the setting
/// that points at it. Without it the caller gets a 502 or 504 with an empty body and cannot tell which of the
/// services behind <c>/api</c> is down.
/// </summary>
public static partial class ProxyFailure
{
    // Failures on the way to or from the service. The others (the client went away or sent a broken body) leave the
    // status the proxy chose and write nothing, since the client either is gone or caused them.
    private static readonly HashSet<ForwarderError> ServiceFailures =
    [
        ForwarderError.Request,
        ForwarderError.RequestTimedOut,
        ForwarderError.RequestCreation,
        ForwarderError.RequestBodyDestination,
        ForwarderError.ResponseHeaders,
        ForwarderError.NoAvailableDestinations,
    ];

    /// <summary>Runs the rest of the proxy pipeline, then writes the problem if forwarding to the service failed.</summary>
    public static async Task WriteProblemAsync(HttpContext context, Func<Task> next)
    {
        await next();
        if (context.GetForwarderErrorFeature() is not { } failure || !ServiceFailures.Contains(failure.Error) || context.Response.HasStarted)
        {
            return;
        }

        var proxied = context.GetReverseProxyFeature();
        var service = proxied.Route.Cluster?.ClusterId ?? "unknown";
        var address = proxied.ProxiedDestination?.Model.Config.Address
            ?? proxied.Route.Cluster?.Destinations?.Values.FirstOrDefault()?.Model.Config.Address
            ?? "no address";
        var timedOut = failure.Error == ForwarderError.RequestTimedOut;
        var reason = (failure.Exception?.Message ?? failure.Error.ToString()).TrimEnd('.');
        var logger = context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(ProxyFailure));
        LogFailed(logger, failure.Exception, context.Request.Method, context.Request.Path, service, address, failure.Error);

        // Only a failed connection proves the service never saw the request. After that, a request that changes
        // something may have been carried out, and a caller that retries it blindly could, say, start a second saga.
        var reached = !NeverConnected(failure.Exception);
        var changes = !HttpMethods.IsGet(context.Request.Method) && !HttpMethods.IsHead(context.Request.Method);
        context.Response.StatusCode = timedOut ? StatusCodes.Status504GatewayTimeout : StatusCodes.Status502BadGateway;
        var problem = new ProblemDetails
        {
            Status = context.Response.StatusCode,
            Title = (timedOut, reached) switch
            {
                (true, _) => "The service did not answer in time",
                (false, true) => "The service did not answer properly",
                (false, false) => "The service could not be reached",
            },
            Detail = $"The gateway could not forward {context.Request.Method} {context.Request.Path} to the {service} service at {address}: {reason}. "
                + (reached && changes
                    ? "The service may have carried the request out: check its state, for example with a GET, before you retry. "
                    : "")
                + $"Check that the {service} service is running and that Gateway:Services:{ServiceUrls.SettingName(service)} points at it.",
        };
        problem.Extensions["service"] = service;
        await context.WriteProblemAsync(problem, context.RequestAborted);
    }

    // A connection that was refused, or a host that did not resolve, means the request never left the gateway.
    private static bool NeverConnected(Exception? exception) =>
        exception is HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError };

    [LoggerMessage(EventId = 1502, Level = LogLevel.Warning, Message = "Could not forward {Method} {Path} to the {Service} service at {Address}: {Error}")]
    private static partial void LogFailed(ILogger logger, Exception? exception, string method, string path, string service, string address, ForwarderError error);
}
