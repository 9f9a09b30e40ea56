using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Mvc;
using Surge.Gateway.Options;
using Surge.ServiceDefaults.Problems;

namespace Surge.Gateway.Limits;

/// <summary>
/// Writes the response to a request the gateway's rate limit rejected: 429 with <c>Retry-After</c> and a problem
/// naming the limit, so a caller's retry loop waits as long as the window needs instead of hammering the gateway.
/// </summary>
public static partial class RateLimitRejection
{
    /// <summary>Writes the 429 response for <paramref name="context"/>, whose request <paramref name="lease"/> rejected.</summary>
    public static async ValueTask WriteAsync(HttpContext context, RateLimitLease lease, GatewayOptions options, ILogger logger, CancellationToken cancellationToken)
    {
        var client = context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        var retryAfter = lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : options.RateLimitWindow;
        var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));

        context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        LogRejected(logger, client, options.RateLimitPermits, options.RateLimitWindow, seconds);

        var problem = new ProblemDetails
        {
            Status = StatusCodes.Status429TooManyRequests,
            Title = "Too many requests",
            Detail = $"Client {client} sent more than {options.RateLimitPermits} requests in {options.RateLimitWindow.TotalSeconds:0.###} s. Retry after {seconds} s, or raise Gateway:RateLimitPermits or Gateway:RateLimitWindow if this rate is expected.",
        };
        await context.WriteProblemAsync(problem, cancellationToken);
    }

    [LoggerMessage(EventId = 1501, Level = LogLevel.Warning, Message = "Rejected a request from {Client}: more than {Permits} requests in {Window}; Retry-After {Seconds} s")]
    private static partial void LogRejected(ILogger logger, string client, int permits, TimeSpan window, int seconds);
}
