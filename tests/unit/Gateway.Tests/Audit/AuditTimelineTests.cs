using System.Net;
using System.Text;
using Surge.Gateway.Audit;
using Surge.Gateway.Tests.Routing;
using Surge.ServiceDefaults.Problems;

namespace Surge.Gateway.Tests.Audit;

public sealed class AuditTimelineTests
{
    [Fact]
    public async Task Events_MergedByTime()
    {
        var timeline = Timeline(new()
        {
            ["capacity"] = """[{"timestamp":"2026-12-05T10:00:02Z","service":"capacity","sequence":2}]""",
            ["ipam"] = """[{"timestamp":"2026-12-05T10:00:01Z","service":"ipam","sequence":7}]""",
        });

        var events = await timeline.ForCorrelationAsync("c-1", CancellationToken.None);

        Assert.Equal(["ipam", "capacity"], events.Select(e => e.GetProperty("service").GetString()));
    }

    [Theory]
    [InlineData("""{"events":[]}""")]
    [InlineData("<html>not found</html>")]
    [InlineData("""[{"service":"ipam","sequence":1}]""")]
    [InlineData("""[{"timestamp":"yesterday","service":"ipam","sequence":1}]""")]
    public async Task UnorderableBody_503NamesService(string body)
    {
        var timeline = Timeline(new() { ["ipam"] = body });

        var error = await Assert.ThrowsAsync<DependencyUnavailableException>(() => timeline.ForCorrelationAsync("c-1", CancellationToken.None));

        Assert.Equal("ipam", error.Dependency);
        Assert.Contains("not a JSON list of audit events", error.Message);
        Assert.Contains("Gateway:Services:Ipam", error.Message);
    }

    private static AuditTimeline Timeline(Dictionary<string, string> bodies) => new(StubServices.Client(new StubHandler(bodies)));

    // Returns each service's body from the table for its audit query, or an empty list.
    private sealed class StubHandler(Dictionary<string, string> bodies) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var service = request.RequestUri!.Host.Split('.')[0];
            var body = bodies.GetValueOrDefault(service, "[]");
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(body, Encoding.UTF8, "application/json") });
        }
    }
}
