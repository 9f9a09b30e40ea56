using System.Net.Http.Json;
using System.Text.Json;
using Surge.IntegrationTests.Harness;

namespace Surge.IntegrationTests.Chaos;

/// <summary>
/// Sagas in flight survive a broker outage, each finishing completed or compensated, and a database restart, which
/// they wait out and complete.
/// </summary>
[Collection(ChaosCollection.Name)]
[Trait("Category", "Chaos")]
public sealed class InfrastructureOutageTests(ChaosCluster cluster)
{
    [Fact]
    public async Task RabbitMqDownForThirtySeconds_EverySagaFinishes()
    {
        await cluster.ApplyFleetAsync(Fleets.ForService("outage", "127.78.50.0/24", "{alertname: Outage}", maxInstances: 100, nodeCpu: 16000));
        var sagaIds = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => cluster.RequestScaleOutAsync("outage", count: 1)));

        await Broker.RunAsync("stop_app");
        try
        {
            await Task.Delay(TimeSpan.FromSeconds(30));
        }
        finally
        {
            await Broker.RunAsync("start_app");
        }

        await AssertAllFinishAsync(sagaIds);
    }

    [Fact]
    public async Task PostgresDownForEightSeconds_EverySagaCompletes()
    {
        var restart = Environment.GetEnvironmentVariable("SURGE_TEST_POSTGRES_RESTART") is { Length: > 0 } command
            ? command
            : throw new InvalidOperationException("This test restarts the PostgreSQL cluster ./surge test runs; run it with ./surge test.");
        await cluster.ApplyFleetAsync(Fleets.ForService("restart", "127.78.51.0/24", "{alertname: Restart}", maxInstances: 100, nodeCpu: 16000));
        var sagaIds = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => cluster.RequestScaleOutAsync("restart", count: 1)));

        // The chaos cluster's instances take seconds to start, so most starts end while the database is down and their
        // outcomes must be recorded once it is back.
        using var provisioner = new HttpClient { BaseAddress = new Uri(cluster.Service("provisioner").BaseUrl) };
        await Eventually.GetAsync<bool>(
            async () => (await provisioner.GetFromJsonAsync<JsonElement[]>("/instances?service=restart"))!.Length == sagaIds.Length ? true : null,
            TimeSpan.FromSeconds(60),
            "the Provisioner to record every instance of service restart");

        // Down for eight seconds, longer than the retries for ordinary failures last. The messages and recordings in
        // flight must wait the outage out, and then every saga completes.
        using (var process = System.Diagnostics.Process.Start(restart, ["8"])!)
        {
            await process.WaitForExitAsync();
            Assert.Equal(0, process.ExitCode);
        }

        var sagas = await AssertAllFinishAsync(sagaIds);
        Assert.All(sagas, saga => Assert.Equal("Completed", saga.GetProperty("status").GetString()));
    }

    private async Task<JsonElement[]> AssertAllFinishAsync(Guid[] sagaIds)
    {
        var sagas = await Task.WhenAll(sagaIds.Select(id => cluster.WaitForFinishedSagaAsync(id, TimeSpan.FromSeconds(180))));
        Assert.All(sagas, saga => Assert.Contains(saga.GetProperty("status").GetString(), new[] { "Completed", "Failed" }));
        await cluster.AssertNoInvariantViolationsAsync();
        return sagas;
    }
}
