using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Surge.IntegrationTests.Harness;

namespace Surge.IntegrationTests.ScaleOut;

/// <summary>Bad or repeated alarms get the right answer and change nothing they should not.</summary>
[Collection(ClusterCollection.Name)]
[Trait("Category", "Integration")]
public sealed class AlertInputCheckTests(SurgeCluster cluster)
{
    private const string Service = "checkout";
    private static readonly TimeSpan SagaTimeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task MalformedJson_Returns400AndStoresNothing()
    {
        using var response = await cluster.PostAlertmanagerAsync("{\"version\": \"4\", \"alerts\": [");

        var problem = await AssertProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("body", out _), problem.ToString());
        Assert.Empty(await cluster.GetCorrelationEventsAsync(response.CorrelationId()));
    }

    [Fact]
    public async Task BodyNotFromAlertmanager_Returns400NamingVersion()
    {
        using var response = await cluster.PostAlertmanagerAsync("""{"title": "CPU high", "state": "alerting"}""");

        var problem = await AssertProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("version", out _), problem.ToString());
        Assert.True(problem.GetProperty("errors").TryGetProperty("alerts", out _), problem.ToString());
        Assert.Empty(await cluster.GetCorrelationEventsAsync(response.CorrelationId()));
    }

    [Fact]
    public async Task UnknownService_Returns400AndStartsNoSaga()
    {
        using var response = await cluster.PostAlertmanagerAsync(AlertmanagerBodies.Firing("NoSuchAlert", "no-such-service", DateTimeOffset.UtcNow));

        var problem = await AssertProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("alerts[0].labels.service", out _), problem.ToString());
        Assert.Empty(await cluster.GetCorrelationEventsAsync(response.CorrelationId()));
        Assert.Empty((await cluster.Gateway.GetFromJsonAsync<JsonElement[]>("/api/sagas?service=no-such-service"))!);
    }

    [Fact]
    public async Task SameNotificationAtOnce_StartsOneSaga()
    {
        await cluster.ApplyFleetAsync(Fleets.ForService(Service, "127.77.2.0/24", "{alertname: CheckoutHighTraffic}"));
        var body = AlertmanagerBodies.Firing("CheckoutHighTraffic", Service, DateTimeOffset.UtcNow);

        var responses = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => cluster.PostAlertmanagerAsync(body)));

        Assert.All(responses, response => Assert.Equal(HttpStatusCode.Accepted, response.StatusCode));
        var outcomes = new List<JsonElement>();
        foreach (var response in responses)
        {
            outcomes.AddRange((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("outcomes").EnumerateArray());
            response.Dispose();
        }

        Assert.Single(outcomes, outcome => outcome.GetProperty("outcome").GetString() == "started");
        Assert.Equal(3, outcomes.Count(outcome => outcome.GetProperty("outcome").GetString() == "duplicate"));
        Assert.Single(outcomes.Select(outcome => outcome.GetProperty("sagaId").GetGuid()).Distinct());
        var saga = (await cluster.WaitForFinishedSagaAsync(outcomes[0].GetProperty("sagaId").GetGuid(), SagaTimeout));
        Assert.True(saga.GetProperty("status").GetString() == "Completed", $"{saga}\n{cluster.Logs()}");
    }

    [Fact]
    public async Task ServiceAtMaximum_Returns202AndRecordsDecline()
    {
        await cluster.ApplyFleetAsync(Fleets.ForService("search", "127.77.3.0/24", "{alertname: SearchHighTraffic}", scaleBy: 2, maxInstances: 2));
        var first = await StartAndFinishAsync(AlertmanagerBodies.Firing("SearchHighTraffic", "search", DateTimeOffset.UtcNow.AddMinutes(-5)));
        Assert.Equal("Completed", first.GetProperty("status").GetString());

        // Another alert of the same policy: while the first one still fires, its own repeats are duplicates.
        var second = JsonNode.Parse(AlertmanagerBodies.Firing("SearchHighTraffic", "search", DateTimeOffset.UtcNow))!;
        second["alerts"]![0]!["labels"]!["instance"] = "search-2";
        using var response = await cluster.PostAlertmanagerAsync(second.ToJsonString());

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var outcome = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("outcomes")[0];
        Assert.Equal("declined", outcome.GetProperty("outcome").GetString());
        var events = await cluster.GetSagaEventsAsync(outcome.GetProperty("sagaId").GetGuid());
        Assert.Equal(["ScaleOutRequested", "ScaleOutDeclined"], events.Select(e => e.GetProperty("type").GetString()));
    }

    [Fact]
    public async Task MixedNotification_StartsValidAlertAndRejectsUnknownService()
    {
        await cluster.ApplyFleetAsync(Fleets.ForService("billing", "127.77.4.0/24", "{alertname: BillingHighTraffic}"));
        var valid = JsonNode.Parse(AlertmanagerBodies.Firing("BillingHighTraffic", "billing", DateTimeOffset.UtcNow))!;
        var unknown = JsonNode.Parse(AlertmanagerBodies.Firing("DiskFull", "no-such-service", DateTimeOffset.UtcNow))!;
        valid["alerts"]!.AsArray().Add(unknown["alerts"]![0]!.DeepClone());

        using var response = await cluster.PostAlertmanagerAsync(valid.ToJsonString());

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var outcomes = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("outcomes");
        Assert.Equal("started", outcomes[0].GetProperty("outcome").GetString());
        Assert.Equal("rejected", outcomes[1].GetProperty("outcome").GetString());
        Assert.Contains("no-such-service", outcomes[1].GetProperty("detail").GetString());
        var saga = await cluster.WaitForFinishedSagaAsync(outcomes[0].GetProperty("sagaId").GetGuid(), SagaTimeout);
        Assert.Equal("Completed", saga.GetProperty("status").GetString());
    }

    private async Task<JsonElement> StartAndFinishAsync(string body)
    {
        using var response = await cluster.PostAlertmanagerAsync(body);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var sagaId = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("outcomes")[0].GetProperty("sagaId").GetGuid();
        return (await cluster.WaitForFinishedSagaAsync(sagaId, SagaTimeout));
    }

    private static async Task<JsonElement> AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        return problem;
    }
}
