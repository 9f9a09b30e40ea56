using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Surge.IntegrationTests.Harness;

namespace Surge.IntegrationTests.ScaleIn;

/// <summary>Scale-in through the gateway: victims are drained, stopped and released, and the rest keep serving.</summary>
[Collection(ClusterCollection.Name)]
[Trait("Category", "Integration")]
public sealed class ScaleInTests(SurgeCluster cluster)
{
    private static readonly TimeSpan SagaTimeout = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task ScaleIn_AfterScaleOut_CompletesAndStopsVictimTraffic()
    {
        await cluster.ApplyFleetAsync(Fleets.ForService("shrink", "127.81.1.0/24", "{alertname: Shrink}"));
        var instances = await cluster.ScaleOutAndWaitAsync("shrink", count: 4, SagaTimeout);

        var sagaId = await cluster.RequestScaleInAsync("shrink", count: 2);
        var saga = await cluster.WaitForFinishedSagaAsync(sagaId, SagaTimeout);

        Assert.True(saga.GetProperty("status").GetString() == "Completed", $"{saga}\n{cluster.Logs()}");
        Assert.Equal("scale-in", saga.GetProperty("kind").GetString());
        Assert.All(saga.GetProperty("victims").EnumerateArray(), victim => Assert.Equal("Removed", victim.GetProperty("state").GetString()));
        var victims = ScaleInRequests.VictimIds(saga);
        Assert.Equal(2, victims.Count);
        Assert.Subset(instances.ToHashSet(), victims.ToHashSet());
        await cluster.AssertTrafficOnlyToAsync("shrink", [.. instances.Except(victims)], victims);
        await cluster.AssertNoInvariantViolationsAsync();
        var events = await cluster.GetSagaEventsAsync(sagaId);
        Assert.Equal("ScaleInRequested", events[0].GetProperty("type").GetString());
        Assert.Equal("ScaleInCompleted", events[^1].GetProperty("type").GetString());
    }

    [Fact]
    public async Task ScaleIn_TwiceInARow_ChoosesDifferentVictims()
    {
        await cluster.ApplyFleetAsync(Fleets.ForService("shrink-twice", "127.81.2.0/24", "{alertname: ShrinkTwice}"));
        var instances = await cluster.ScaleOutAndWaitAsync("shrink-twice", count: 3, SagaTimeout);

        var first = await cluster.RequestScaleInAsync("shrink-twice", count: 1, drainTimeout: "00:00:02");
        var second = await cluster.RequestScaleInAsync("shrink-twice", count: 1, drainTimeout: "00:00:02");
        var firstSaga = await cluster.WaitForFinishedSagaAsync(first, SagaTimeout);
        var secondSaga = await cluster.WaitForFinishedSagaAsync(second, SagaTimeout);

        Assert.True(firstSaga.GetProperty("status").GetString() == "Completed", $"{firstSaga}");
        Assert.True(secondSaga.GetProperty("status").GetString() == "Completed", $"{secondSaga}");
        var victims = ScaleInRequests.VictimIds(firstSaga).Concat(ScaleInRequests.VictimIds(secondSaga)).ToList();
        Assert.Equal(2, victims.Distinct().Count());
        await cluster.AssertTrafficOnlyToAsync("shrink-twice", [.. instances.Except(victims)], victims);
        await cluster.AssertNoInvariantViolationsAsync();
    }

    [Fact]
    public async Task ScaleIn_Listing_ShowsBothKindsNewestFirst()
    {
        await cluster.ApplyFleetAsync(Fleets.ForService("shrink-list", "127.81.3.0/24", "{alertname: ShrinkList}"));
        await cluster.ScaleOutAndWaitAsync("shrink-list", count: 1, SagaTimeout);
        var sagaId = await cluster.RequestScaleInAsync("shrink-list", count: 1);
        await cluster.WaitForFinishedSagaAsync(sagaId, SagaTimeout);

        var sagas = await cluster.Gateway.GetFromJsonAsync<JsonElement[]>("/api/sagas?service=shrink-list");

        Assert.NotNull(sagas);
        Assert.Equal(["scale-in", "scale-out"], sagas.Select(saga => saga.GetProperty("kind").GetString()));
        Assert.Equal(sagaId, sagas[0].GetProperty("sagaId").GetGuid());
    }

    [Theory]
    [InlineData("no-such-service", 1, null, "service", "is not declared")]
    [InlineData("shrink-invalid", 0, null, "count", "at least 1")]
    [InlineData("shrink-invalid", 3, null, "count", "at most 2 may be removed")]
    [InlineData("shrink-invalid", 1, "00:11:00", "drainTimeout", "between 00:00:00 and 00:10:00")]
    public async Task ScaleIn_InvalidRequest_ReturnsProblemNamingField(string service, int count, string? drainTimeout, string field, string message)
    {
        await cluster.ApplyFleetAsync(Fleets.ForService("shrink-invalid", "127.81.4.0/24", "{alertname: ShrinkInvalid}"));
        if ((await cluster.Gateway.GetFromJsonAsync<JsonElement[]>("/api/sagas?service=shrink-invalid&status=Completed"))!.Length == 0)
        {
            await cluster.ScaleOutAndWaitAsync("shrink-invalid", count: 2, SagaTimeout);
        }

        using var response = await cluster.Gateway.PostAsJsonAsync("/api/sagas/scale-in", new { service, count, drainTimeout });
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(400, problem.GetProperty("status").GetInt32());
        var errors = problem.GetProperty("errors").GetProperty(field).EnumerateArray().Select(error => error.GetString()).ToList();
        Assert.Contains(errors, error => error!.Contains(message, StringComparison.Ordinal));
    }
}
