using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Surge.IntegrationTests.Harness;

namespace Surge.IntegrationTests.Alerts;

/// <summary>
/// A scale-out that degrades while scaling: through the real gateway and load balancer, the service's non-critical
/// routes get 503 with Retry-After while the saga runs and its critical routes keep getting 200; once the saga
/// ends, completed, failed or cancelled, both get 200.
/// </summary>
[Collection(DegradeCollection.Name)]
[Trait("Category", "Alerts")]
public sealed class DegradeWhileScalingTests(DegradeCluster cluster) : IDisposable
{
    private const string NonCritical = "/api/recommendations/today";
    private const string Critical = "/api/orders";
    private static readonly TimeSpan SagaTimeout = TimeSpan.FromSeconds(90);

    private readonly HttpClient dataPlane = new() { BaseAddress = new Uri(cluster.DataPlaneUrl), Timeout = TimeSpan.FromSeconds(10) };

    [Fact]
    public async Task WhileScaling_NonCriticalRejectedDuringSaga_BothServeAfterCompletion()
    {
        const string service = "degrade-ok";
        await ServiceWithOneBackendAsync(service, "127.79.40.0/24");

        var sagaId = await RequestDegradedScaleOutAsync(service, new { whileScaling = true });
        await WaitUntilRejectedAsync(service);

        using (var rejected = await dataPlane.GetAsync($"/{service}{NonCritical}"))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, rejected.StatusCode);
            Assert.Equal(TimeSpan.FromSeconds(7), rejected.Headers.RetryAfter?.Delta);
            Assert.Equal("application/problem+json", rejected.Content.Headers.ContentType?.MediaType);
        }

        using (var served = await dataPlane.GetAsync($"/{service}{Critical}"))
        {
            Assert.Equal(HttpStatusCode.OK, served.StatusCode);
        }

        var during = await cluster.GetSagaAsync(sagaId);
        Assert.True(during.GetProperty("status").GetString() is "Requested" or "AllocatingAddresses" or "StartingInstances", $"The saga was no longer running: {during}");

        var saga = await cluster.WaitForFinishedSagaAsync(sagaId, SagaTimeout);
        Assert.True(saga.GetProperty("status").GetString() == "Completed", $"{saga}\n{cluster.Logs()}");
        await WaitUntilServedAsync(service);
        using (var critical = await dataPlane.GetAsync($"/{service}{Critical}"))
        {
            Assert.Equal(HttpStatusCode.OK, critical.StatusCode);
        }

        await cluster.AssertServesTrafficAsync(service, saga);
        var types = await EventTypesAsync(sagaId);
        Assert.True(types.IndexOf("DegradationSwitchOnRequested") < types.IndexOf("InstancesPlaced"), string.Join(", ", types));
        Assert.True(types.IndexOf("DegradationSwitchOffRequested") > types.IndexOf("BackendsAdded"), string.Join(", ", types));
    }

    [Fact]
    public async Task FailedSaga_DegradationSwitchedOff()
    {
        const string service = "degrade-fail";
        await ServiceWithOneBackendAsync(service, "127.79.41.0/24");

        // Two nodes of 4000 millicores hold 16 instances of 500, and the cluster has no cloud to overflow into, so
        // placement fails after degradation was switched on.
        var sagaId = await RequestDegradedScaleOutAsync(service, new { whileScaling = true }, count: 40);
        var saga = await cluster.WaitForFinishedSagaAsync(sagaId, SagaTimeout);

        Assert.True(saga.GetProperty("status").GetString() == "Failed", $"{saga}\n{cluster.Logs()}");
        Assert.Equal("placement", saga.GetProperty("failedStep").GetString());
        Assert.False(saga.GetProperty("degradation").GetProperty("on").GetBoolean(), saga.ToString());
        await WaitUntilServedAsync(service);
        Assert.False((await DegradationAsync(service)).GetProperty("on").GetBoolean());
        var types = await EventTypesAsync(sagaId);
        Assert.Contains("DegradationSwitchOnRequested", types);
        Assert.Contains("DegradationSwitchOffRequested", types);
        Assert.Contains("ScaleOutCompensated", types);
        Assert.True(types.IndexOf("DegradationSwitchOffRequested") < types.IndexOf("ScaleOutCompensated"), string.Join(", ", types));
    }

    [Fact]
    public async Task CancelledWhileStarting_RejectedThenServed()
    {
        const string service = "degrade-cancel";
        await ServiceWithOneBackendAsync(service, "127.79.42.0/24");

        var sagaId = await RequestDegradedScaleOutAsync(service, new { whileScaling = true });
        await WaitUntilRejectedAsync(service);
        using var cancel = await cluster.Gateway.PostAsJsonAsync($"/api/sagas/{sagaId}/cancel", new { reason = "Traffic dropped." });
        Assert.Equal(HttpStatusCode.Accepted, cancel.StatusCode);
        var saga = await cluster.WaitForFinishedSagaAsync(sagaId, SagaTimeout);

        Assert.True(saga.GetProperty("status").GetString() == "Cancelled", $"{saga}\n{cluster.Logs()}");
        await WaitUntilServedAsync(service);
        using var critical = await dataPlane.GetAsync($"/{service}{Critical}");
        Assert.Equal(HttpStatusCode.OK, critical.StatusCode);
    }

    [Fact]
    public async Task ServiceWithoutRoutes_DegradeRejectedNamingTheField()
    {
        const string service = "degrade-none";
        await cluster.ApplyFleetAsync(Fleets.ForService(service, "127.79.43.0/24", "{alertname: DegradeNone}"));

        using var response = await cluster.Gateway.PostAsJsonAsync("/api/sagas/scale-out", new { service, count = 1, degrade = new { whileScaling = true } });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty("degrade", out _), problem.ToString());
    }

    /// <inheritdoc />
    public void Dispose() => dataPlane.Dispose();

    // Declares the service with its non-critical routes and starts one instance without degrading, so its critical
    // routes have a backend while a later scale-out degrades it.
    private async Task ServiceWithOneBackendAsync(string service, string subnet)
    {
        var fleet = Fleets.ForService(service, subnet, $"{{alertname: {service}}}");
        var degradable = fleet.Replace(
            "  maxInstances: 10\n",
            "  maxInstances: 10\n  degradation: {nonCriticalRoutes: [/api/recommendations, 'GET /api/feed/extras'], retryAfter: 7s}\n",
            StringComparison.Ordinal);
        Assert.NotEqual(fleet, degradable);
        await cluster.ApplyFleetAsync(degradable);

        var first = await cluster.WaitForFinishedSagaAsync(await cluster.RequestScaleOutAsync(service, count: 1), SagaTimeout);
        Assert.True(first.GetProperty("status").GetString() == "Completed", $"{first}\n{cluster.Logs()}");
        using var served = await dataPlane.GetAsync($"/{service}{NonCritical}");
        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
    }

    private async Task<Guid> RequestDegradedScaleOutAsync(string service, object degrade, int count = 1)
    {
        using var response = await cluster.Gateway.PostAsJsonAsync("/api/sagas/scale-out", new { service, count, requestedBy = "tests", degrade });
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"Scale-out request failed with {(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.GetProperty("sagaId").GetGuid();
    }

    private Task WaitUntilRejectedAsync(string service) => Eventually.GetAsync<bool>(
        async () =>
        {
            using var response = await dataPlane.GetAsync($"/{service}{NonCritical}");
            return response.StatusCode == HttpStatusCode.ServiceUnavailable && response.Headers.RetryAfter is not null ? true : null;
        },
        TimeSpan.FromSeconds(5),
        $"the load balancer to reject {NonCritical} of {service}");

    private Task WaitUntilServedAsync(string service) => Eventually.GetAsync<bool>(
        async () =>
        {
            using var response = await dataPlane.GetAsync($"/{service}{NonCritical}");
            return response.StatusCode == HttpStatusCode.OK ? true : null;
        },
        TimeSpan.FromSeconds(10),
        $"the load balancer to serve {NonCritical} of {service} again");

    private async Task<JsonElement> DegradationAsync(string service) =>
        await cluster.Gateway.GetFromJsonAsync<JsonElement>($"/api/loadbalancer/degradation/{service}");

    private async Task<List<string>> EventTypesAsync(Guid sagaId) =>
        [.. (await cluster.GetSagaEventsAsync(sagaId)).Select(e => e.GetProperty("type").GetString()!)];
}
