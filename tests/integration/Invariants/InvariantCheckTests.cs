using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Surge.IntegrationTests.Harness;

namespace Surge.IntegrationTests.Invariants;

/// <summary>The gateway's invariant check reads every service and finds a fleet left by finished sagas consistent.</summary>
[Collection(ClusterCollection.Name)]
[Trait("Category", "Integration")]
public sealed class InvariantCheckTests(SurgeCluster cluster)
{
    private static readonly TimeSpan SagaTimeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task CompletedScaleOut_LeavesNoViolations()
    {
        const string service = "ledger";
        await cluster.ApplyFleetAsync(Fleets.ForService(service, "127.77.9.0/24", "{alertname: LedgerHighTraffic}"));

        var saga = await ScaleOutAsync(service, count: 3);

        Assert.True(saga.GetProperty("status").GetString() == "Completed", $"Saga ended as {saga}.\n{cluster.Logs()}");
        await cluster.AssertNoInvariantViolationsAsync();
        var report = await cluster.GetInvariantReportAsync();
        var counts = report.GetProperty("counts");
        Assert.True(counts.GetProperty("reservations").GetInt32() >= 3, $"Too few reservations counted: {report}");
        Assert.True(counts.GetProperty("allocations").GetInt32() >= 3, $"Too few allocations counted: {report}");
        Assert.True(counts.GetProperty("instances").GetInt32() >= 3, $"Too few instances counted: {report}");
        Assert.True(counts.GetProperty("backends").GetInt32() >= 3, $"Too few backends counted: {report}");
    }

    [Fact]
    public async Task FailedScaleOut_LeavesNoViolations()
    {
        // A /30 holds two host addresses and one is the gateway, so Ipam can give only one of the two addresses and the
        // saga fails after it reserved capacity, which compensation must release.
        const string service = "ledger-small";
        await cluster.ApplyFleetAsync(Fleets.ForService(service, "127.77.10.0/30", "{alertname: LedgerSmallHighTraffic}"));

        var saga = await ScaleOutAsync(service, count: 2);

        Assert.True(saga.GetProperty("status").GetString() == "Failed", $"Saga ended as {saga}.\n{cluster.Logs()}");
        await cluster.AssertNoInvariantViolationsAsync();
    }

    [Fact]
    public async Task Report_HasTheDocumentedShape()
    {
        var report = await cluster.GetInvariantReportAsync();

        Assert.Equal(JsonValueKind.String, report.GetProperty("checkedAt").ValueKind);
        Assert.Equal(report.GetProperty("findings").GetArrayLength() == 0, report.GetProperty("clean").GetBoolean());
        Assert.True(report.GetProperty("inFlightInstances").GetInt32() >= 0);
        Assert.Equal(["reservations", "allocations", "instances", "backends"], report.GetProperty("counts").EnumerateObject().Select(p => p.Name));
    }

    [Theory]
    [InlineData(null, HttpStatusCode.Unauthorized)]
    [InlineData("alerting", HttpStatusCode.Forbidden)]
    [InlineData("operator", HttpStatusCode.OK)]
    [InlineData("admin", HttpStatusCode.OK)]
    public async Task Endpoint_AdmitsReadRolesOnly(string? role, HttpStatusCode expected)
    {
        using var client = cluster.CreateGatewayClient(role is null ? null : cluster.ApiKeys[role]);

        using var response = await client.GetAsync("/api/invariants");

        Assert.Equal(expected, response.StatusCode);
    }

    private async Task<JsonElement> ScaleOutAsync(string service, int count)
    {
        using var response = await cluster.Gateway.PostAsJsonAsync("/api/sagas/scale-out", new { service, count, requestedBy = "invariant-check-tests" });
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"Scale-out answered {(int)response.StatusCode}: {body}");
        var sagaId = JsonDocument.Parse(body).RootElement.GetProperty("sagaId").GetGuid();
        return await cluster.WaitForFinishedSagaAsync(sagaId, SagaTimeout);
    }
}
