using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Surge.Contracts.Degradation;
using Surge.LoadBalancer.Degradation;

namespace Surge.LoadBalancer.Tests.Degradation;

public class DegradedRequestsTests
{
    [Fact]
    public async Task RejectAsync_Writes503WithRetryAfterAndProblemDetails()
    {
        var context = new DefaultHttpContext { RequestServices = new ServiceCollection().AddLogging().BuildServiceProvider() };
        context.Response.Body = new MemoryStream();

        await DegradedRequests.RejectAsync(context, "feed", new DegradedService([new NonCriticalRoute("/api/recommendations", [])], TimeSpan.FromSeconds(45)));

        Assert.Equal(StatusCodes.Status503ServiceUnavailable, context.Response.StatusCode);
        Assert.Equal("45", context.Response.Headers.RetryAfter.ToString());
        Assert.StartsWith("application/problem+json", context.Response.ContentType);
        context.Response.Body.Position = 0;
        var body = await JsonDocument.ParseAsync(context.Response.Body);
        Assert.Equal(503, body.RootElement.GetProperty("status").GetInt32());
        Assert.Equal("https://tools.ietf.org/html/rfc9110#section-15.6.4", body.RootElement.GetProperty("type").GetString());
        Assert.Contains("feed", body.RootElement.GetProperty("detail").GetString());
    }

    [Fact]
    public void Table_Replace_KeepsOnlySwitchedOnServices()
    {
        var table = new DegradationTable();
        var on = new DegradationView("degradation/feed", "feed", true,
            [new DegradationHolderView(Guid.NewGuid(), "scaling", [new NonCriticalRoute("/a", [])], 20, DateTimeOffset.UnixEpoch)], DateTimeOffset.UnixEpoch);
        var off = new DegradationView("degradation/cart", "cart", false, [], DateTimeOffset.UnixEpoch);

        table.Replace([on, off]);

        Assert.Equal(TimeSpan.FromSeconds(20), table.Find("feed")?.RetryAfter);
        Assert.Null(table.Find("cart"));
    }

    [Fact]
    public void NoBackends_DegradedNonCriticalRoute_RejectsWithRetryAfter()
    {
        var table = new DegradationTable();
        table.Replace([new DegradationView("degradation/feed", "feed", true,
            [new DegradationHolderView(Guid.NewGuid(), "scaling", [new NonCriticalRoute("/api/recommendations", [])], 12, DateTimeOffset.UnixEpoch)], DateTimeOffset.UnixEpoch)]);
        var nonCritical = new DefaultHttpContext();
        nonCritical.Request.Method = "GET";
        nonCritical.Request.Path = "/feed/api/recommendations";
        var critical = new DefaultHttpContext();
        critical.Request.Method = "GET";
        critical.Request.Path = "/feed/api/orders";

        var rejected = Surge.LoadBalancer.DataPlane.DataPlaneEndpoints.NoBackends("feed", nonCritical, table);
        var noBackends = Surge.LoadBalancer.DataPlane.DataPlaneEndpoints.NoBackends("feed", critical, table);

        Assert.Equal("12", nonCritical.Response.Headers.RetryAfter.ToString());
        Assert.Equal("This feature is switched off while the service scales out.", rejected.ProblemDetails.Title);
        Assert.Equal("The service has no backends.", noBackends.ProblemDetails.Title);
        Assert.Empty(critical.Response.Headers.RetryAfter.ToString());
    }
}
