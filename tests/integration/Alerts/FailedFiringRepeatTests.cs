using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Surge.IntegrationTests.Harness;

namespace Surge.IntegrationTests.Alerts;

/// <summary>A repeat of a firing whose scale-out failed is a duplicate whose detail reports the failure and how to scale out now.</summary>
[Collection(ClusterCollection.Name)]
[Trait("Category", "Alerts")]
public sealed class FailedFiringRepeatTests(SurgeCluster cluster)
{
    private const string Service = "repeat-failed";

    [Fact]
    public async Task RepeatAfterFailure_DuplicateSaysFailed()
    {
        // Nodes of 100 millicores fit no instance of 500, and the cluster has no cloud to overflow into, so the
        // placement fails.
        await cluster.ApplyFleetAsync(Fleets.ForService(Service, "127.86.9.0/24", "{alertname: RepeatFailed}", nodeCpu: 100));
        var body = AlertmanagerBodies.Firing("RepeatFailed", Service, DateTimeOffset.UtcNow.AddMinutes(-1));
        var first = await OutcomeAsync(body);
        Assert.Equal("started", first.GetProperty("outcome").GetString());
        var sagaId = first.GetProperty("sagaId").GetGuid();
        var saga = await cluster.WaitForFinishedSagaAsync(sagaId, TimeSpan.FromSeconds(60));
        Assert.Equal("Failed", saga.GetProperty("status").GetString());

        var repeat = await OutcomeAsync(body);

        Assert.Equal("duplicate", repeat.GetProperty("outcome").GetString());
        Assert.Equal(sagaId, repeat.GetProperty("sagaId").GetGuid());
        var detail = repeat.GetProperty("detail").GetString();
        Assert.Contains("which ended Failed", detail);
        Assert.Contains("POST /api/sagas/scale-out", detail);
    }

    private async Task<JsonElement> OutcomeAsync(string body)
    {
        using var response = await cluster.PostAlertmanagerAsync(body);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return Assert.Single((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("outcomes").EnumerateArray());
    }
}
