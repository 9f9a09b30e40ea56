using Surge.IntegrationTests.Harness;

namespace Surge.IntegrationTests.Chaos;

/// <summary>Sagas in flight survive a broker outage and a database restart: each finishes, completed or compensated.</summary>
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
    public async Task PostgresRestarted_EverySagaFinishes()
    {
        var restart = Environment.GetEnvironmentVariable("SURGE_TEST_POSTGRES_RESTART") is { Length: > 0 } command
            ? command
            : throw new InvalidOperationException("This test restarts the PostgreSQL cluster ./surge test runs; run it with ./surge test.");
        await cluster.ApplyFleetAsync(Fleets.ForService("restart", "127.78.51.0/24", "{alertname: Restart}", maxInstances: 100, nodeCpu: 16000));
        var sagaIds = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => cluster.RequestScaleOutAsync("restart", count: 1)));

        using (var process = System.Diagnostics.Process.Start(restart)!)
        {
            await process.WaitForExitAsync();
            Assert.Equal(0, process.ExitCode);
        }

        await AssertAllFinishAsync(sagaIds);
    }

    private async Task AssertAllFinishAsync(Guid[] sagaIds)
    {
        var sagas = await Task.WhenAll(sagaIds.Select(id => cluster.WaitForFinishedSagaAsync(id, TimeSpan.FromSeconds(180))));
        Assert.All(sagas, saga => Assert.Contains(saga.GetProperty("status").GetString(), new[] { "Completed", "Failed" }));
        await cluster.AssertNoInvariantViolationsAsync();
    }
}
