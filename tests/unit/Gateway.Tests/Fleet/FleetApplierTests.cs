using System.Net;
using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Surge.Gateway.Fleet;
using Surge.Gateway.Tests.Routing;
using Surge.ServiceDefaults.Problems;

namespace Surge.Gateway.Tests.Fleet;

public sealed class FleetApplierTests
{
    private const string TwoPools = """
        apiVersion: surge/v1
        kind: Pool
        metadata: {name: first}
        spec: {lendsIdleCapacity: false}
        ---
        apiVersion: surge/v1
        kind: Pool
        metadata: {name: second}
        spec: {lendsIdleCapacity: false}
        """;

    private const string DatabaseDown = """
        {"title":"The database is unavailable.","status":503,"detail":"Nothing was changed; retry the request."}
        """;

    [Fact]
    public async Task Service503_QuotesItsProblem()
    {
        var applier = Applier(new FailSecondPut(HttpStatusCode.ServiceUnavailable, DatabaseDown));

        var error = await Assert.ThrowsAsync<DependencyUnavailableException>(() => applier.ApplyAsync(FleetParser.Parse(TwoPools, isJson: false), "test", CancellationToken.None));

        Assert.Equal("capacity", error.Dependency);
        Assert.Contains("The capacity service responded 503: The database is unavailable. Nothing was changed; retry the request.", error.Message);
        Assert.Contains("Pool 'second' may not have been applied, and the resource before it was applied.", error.Message);
        Assert.DoesNotContain("did not respond", error.Message);
    }

    [Fact]
    public async Task Service500WithoutProblem_GivesStatus()
    {
        var applier = Applier(new FailSecondPut(HttpStatusCode.InternalServerError, "<html>oops</html>"));

        var error = await Assert.ThrowsAsync<DependencyUnavailableException>(() => applier.ApplyAsync(FleetParser.Parse(TwoPools, isJson: false), "test", CancellationToken.None));

        Assert.StartsWith("The capacity service responded 500. Pool 'second' may not have been applied", error.Message);
    }

    [Fact]
    public async Task ServiceUnreachable_SaysWhatWasApplied()
    {
        var applier = Applier(new FailSecondPut(null, null));

        var error = await Assert.ThrowsAsync<DependencyUnavailableException>(() => applier.ApplyAsync(FleetParser.Parse(TwoPools, isJson: false), "test", CancellationToken.None));

        Assert.Equal("The capacity service did not respond. Pool 'second' may not have been applied, and the resource before it was applied. Apply the file again once the service is available.", error.Message);
    }

    [Fact]
    public async Task ServiceHangs_NotRespondingWithinTimeout()
    {
        var applier = Applier(new HangOnPut(), TimeSpan.FromMilliseconds(200));

        var error = await Assert.ThrowsAsync<DependencyUnavailableException>(() => applier.ApplyAsync(FleetParser.Parse(TwoPools, isJson: false), "test", CancellationToken.None));

        Assert.StartsWith("The capacity service did not respond. Pool 'first' may not have been applied, and it was the first to be applied.", error.Message);
        Assert.Contains("within 0.2 s", error.InnerException!.Message);
    }

    [Fact]
    public void RetryInBoth_SaidOnce()
    {
        var error = DependencyUnavailableException.Responded("ipam", 503, "The database is unavailable. Nothing was changed; retry the request.", "Retry the request.");

        Assert.Equal("The ipam service responded 503: The database is unavailable. Nothing was changed; retry the request.", error.Message);
    }

    private static FleetApplier Applier(HttpMessageHandler handler, TimeSpan? timeout = null) =>
        new(StubServices.Client(handler, timeout), NullLogger<FleetApplier>.Instance);

    // Never responds, like a stopped process whose socket is still open.
    private sealed class HangOnPut : HttpMessageHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
            throw new InvalidOperationException("The delay ends only by cancellation.");
        }
    }

    // Accepts the first PUT and fails the second with the status and body given, or with a refused connection.
    private sealed class FailSecondPut(HttpStatusCode? status, string? body) : HttpMessageHandler
    {
        private int puts;

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (++puts == 1)
            {
                return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("{\"outcome\":\"created\"}", Encoding.UTF8, "application/json") });
            }

            return status is { } failing
                ? Task.FromResult(new HttpResponseMessage(failing) { Content = new StringContent(body ?? "", Encoding.UTF8, "application/problem+json") })
                : throw new HttpRequestException("Connection refused");
        }
    }
}
