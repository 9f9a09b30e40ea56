using System.Net;
using System.Text.Json;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Surge.Gateway.Limits;
using Surge.Gateway.Options;

namespace Surge.Gateway.Tests.Limits;

/// <summary>A request over the rate limit gets 429 with Retry-After and a problem that names the limit.</summary>
public sealed class RateLimitRejectionTests
{
    private static readonly GatewayOptions Options = new() { RateLimitPermits = 1, RateLimitWindow = TimeSpan.FromSeconds(10) };

    // A real fixed-window limiter with its one permit taken, so the lease carries the limiter's own retry-after.
    private static RateLimitLease RejectedLease()
    {
        var limiter = new FixedWindowRateLimiter(new FixedWindowRateLimiterOptions { PermitLimit = 1, Window = Options.RateLimitWindow, QueueLimit = 0 });
        Assert.True(limiter.AttemptAcquire().IsAcquired);
        var lease = limiter.AttemptAcquire();
        Assert.False(lease.IsAcquired);
        return lease;
    }

    private static async Task<(DefaultHttpContext Context, JsonElement Problem)> RejectAsync(RateLimitLease lease)
    {
        var context = new DefaultHttpContext();
        context.Connection.RemoteIpAddress = IPAddress.Loopback;
        context.RequestServices = new ServiceCollection().BuildServiceProvider();
        context.Response.Body = new MemoryStream();

        await RateLimitRejection.WriteAsync(context, lease, Options, NullLogger.Instance, CancellationToken.None);

        context.Response.Body.Position = 0;
        return (context, JsonDocument.Parse(context.Response.Body).RootElement);
    }

    [Fact]
    public async Task Rejected_Is429WithRetryAfter()
    {
        var (context, _) = await RejectAsync(RejectedLease());

        Assert.Equal(StatusCodes.Status429TooManyRequests, context.Response.StatusCode);
        var seconds = int.Parse(context.Response.Headers.RetryAfter.ToString(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(seconds, 1, 10);
    }

    [Fact]
    public async Task Rejected_DetailNamesLimitAndFix()
    {
        var (_, problem) = await RejectAsync(RejectedLease());

        var detail = problem.GetProperty("detail").GetString()!;
        Assert.Contains("127.0.0.1", detail);
        Assert.Contains("more than 1 requests in 10 s", detail);
        Assert.Contains("Gateway:RateLimitPermits", detail);
        Assert.Equal(429, problem.GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task LeaseWithoutRetryAfter_UsesWindow()
    {
        var (context, _) = await RejectAsync(new BareLease());

        Assert.Equal("10", context.Response.Headers.RetryAfter.ToString());
    }

    private sealed class BareLease : RateLimitLease
    {
        public override bool IsAcquired => false;

        public override IEnumerable<string> MetadataNames => [];

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            metadata = null;
            return false;
        }
    }
}
