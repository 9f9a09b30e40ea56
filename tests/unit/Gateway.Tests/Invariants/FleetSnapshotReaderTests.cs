using System.Net;
using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Surge.Gateway.Invariants;
using Surge.Gateway.Options;
using Surge.Gateway.Routing;
using Surge.ServiceDefaults.Problems;

namespace Surge.Gateway.Tests.Invariants;

public sealed class FleetSnapshotReaderTests
{
    private const string InstanceId = "00000000-0000-0000-0000-00000000000a";
    private const string CompletedSaga = "00000000-0000-0000-0000-000000000c01";
    private const string OldSaga = "00000000-0000-0000-0000-000000000c02";

    private static readonly Dictionary<string, string> HealthyFleet = new()
    {
        ["capacity/sagas?status=Completed"] = $$"""[{"sagaId":"{{CompletedSaga}}","status":"Completed","requestedAt":"2025-03-01T12:00:00Z"}]""",
        ["capacity/nodes"] = $$"""[{"name":"n1","spec":{"cpuMillicores":4000,"memoryMiB":8192},"reservations":[{"instanceId":"{{InstanceId}}","sagaId":"{{CompletedSaga}}","service":"s","cpuMillicores":500,"memoryMiB":512,"committed":true}]}]""",
        ["ipam/allocations"] = $$"""[{"subnet":"net","address":"127.77.9.2","instanceId":"{{InstanceId}}","sagaId":"{{OldSaga}}","node":"n1"}]""",
        ["provisioner/instances"] = $$"""[{"instanceId":"{{InstanceId}}","sagaId":"{{CompletedSaga}}","service":"s","node":"n1","address":"127.77.9.2","status":"Started","endpoint":"http://127.77.9.2:8080"}]""",
        ["loadbalancer/services"] = """[{"service":"s","backendCount":1}]""",
        ["loadbalancer/services/s/backends"] = $$"""[{"instanceId":"{{InstanceId}}","endpoint":"http://127.77.9.2:8080","weight":100,"sagaId":"{{CompletedSaga}}"}]""",
        [$"capacity/sagas/{OldSaga}"] = $$"""{"sagaId":"{{OldSaga}}","status":"Completed","requestedAt":"2025-03-01T11:00:00Z"}""",
    };

    private static FleetSnapshotReader Reader(Dictionary<string, string> responses, string? downService = null, HttpStatusCode? failingStatus = null)
    {
        var urls = new ServiceUrls
        {
            Capacity = "http://capacity.test", Ipam = "http://ipam.test", Provisioner = "http://provisioner.test",
            Rollout = "http://rollout.test", LoadBalancer = "http://loadbalancer.test",
        };
        var handler = new StubHandler(responses, downService, failingStatus);
        var services = new ServiceClient(new StubClientFactory(handler), Microsoft.Extensions.Options.Options.Create(urls));
        return new FleetSnapshotReader(services, NullLogger<FleetSnapshotReader>.Instance);
    }

    [Fact]
    public async Task ReadAsync_HealthyServices_ReadsEveryRecord()
    {
        var fleet = await Reader(HealthyFleet).ReadAsync("test", CancellationToken.None);

        Assert.Equal(500, Assert.Single(Assert.Single(fleet.Nodes).Reservations).CpuMillicores);
        Assert.Equal("127.77.9.2", Assert.Single(fleet.Allocations).Address);
        Assert.True(Assert.Single(fleet.Instances).IsStarted);
        Assert.Equal(new BackendRecord("s", Guid.Parse(InstanceId), "http://127.77.9.2:8080", Guid.Parse(CompletedSaga)), Assert.Single(fleet.Backends));
        Assert.True(InvariantChecker.Check(fleet, DateTimeOffset.UnixEpoch).Clean);
    }

    [Fact]
    public async Task ReadAsync_SagaMissingFromShortListing_IsLookedUpAndCountsAsRunning()
    {
        var fleet = await Reader(HealthyFleet).ReadAsync("test", CancellationToken.None);

        Assert.Equal(SagaPhase.Completed, fleet.Sagas[Guid.Parse(CompletedSaga)]);
        Assert.Equal(SagaPhase.Running, fleet.Sagas[Guid.Parse(OldSaga)]);
    }

    [Theory]
    [InlineData("capacity")]
    [InlineData("ipam")]
    [InlineData("provisioner")]
    [InlineData("loadbalancer")]
    public async Task ReadAsync_ServiceDown_ThrowsDependencyUnavailableNamingIt(string service)
    {
        var error = await Assert.ThrowsAsync<DependencyUnavailableException>(() => Reader(HealthyFleet, downService: service).ReadAsync("test", CancellationToken.None));

        Assert.Equal(service, error.Dependency);
    }

    [Fact]
    public async Task ReadAsync_ServiceAnswers500_ThrowsDependencyUnavailableNamingIt()
    {
        var error = await Assert.ThrowsAsync<DependencyUnavailableException>(
            () => Reader(HealthyFleet, downService: "ipam", failingStatus: HttpStatusCode.InternalServerError).ReadAsync("test", CancellationToken.None));

        Assert.Equal("ipam", error.Dependency);
    }

    private sealed class StubClientFactory(HttpMessageHandler handler) : IHttpClientFactory
    {
        public HttpClient CreateClient(string name) => new(handler, disposeHandler: false);
    }

    // Responds to each "service/path" from the table, [] for a listing it lacks, and 404 for any other path.
    private sealed class StubHandler(Dictionary<string, string> responses, string? downService, HttpStatusCode? failingStatus) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var service = request.RequestUri!.Host.Split('.')[0];
            if (service == downService)
            {
                return failingStatus is { } status
                    ? Task.FromResult(new HttpResponseMessage(status))
                    : throw new HttpRequestException("Connection refused");
            }

            var key = service + request.RequestUri.PathAndQuery;
            if (responses.TryGetValue(key, out var body))
            {
                return Task.FromResult(Json(body));
            }

            return Task.FromResult(key.Contains("?status=") ? Json("[]") : new HttpResponseMessage(HttpStatusCode.NotFound));
        }

        private static HttpResponseMessage Json(string body) => new(HttpStatusCode.OK) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
    }
}
