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
    // Every service must report healthy again, its bus reconnected, before the sagas are checked: the tests after
    // these share the cluster and would otherwise start while some receive endpoints still wait to reconnect.
    private static readonly TimeSpan RecoveryTimeout = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task RabbitMqDownForThirtySeconds_EverySagaFinishes()
    {
        await cluster.ApplyFleetAsync(Fleets.ForService("outage", "127.78.50.0/24", "{alertname: Outage}", maxInstances: 100, nodeCpu: 16000));
        var sagaIds = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => cluster.RequestScaleOutAsync("outage", count: 1)));

        // The start is in the finally block with the stop inside the try: a stop that reports a failure may still
        // have stopped the node, and every later test needs it running.
        try
        {
            await Broker.RunAsync("stop_app");
            var outage = System.Diagnostics.Stopwatch.StartNew();

            // Writes still get a response while the broker is down, because each returns once committed and the relay
            // publishes its messages when the broker is back. With an unbounded hand-off, this apply waited for the broker.
            await cluster.ApplyFleetAsync(Fleets.ForService("outage-late", "127.78.52.0/24", "{alertname: OutageLate}", maxInstances: 100, nodeCpu: 16000));
            var rest = TimeSpan.FromSeconds(30) - outage.Elapsed;
            if (rest > TimeSpan.Zero)
            {
                await Task.Delay(rest);
            }
        }
        finally
        {
            await Broker.StartAppAsync();
        }

        await cluster.WaitUntilHealthyAsync(RecoveryTimeout);
        await AssertAllFinishAsync(sagaIds);

        // The subnet applied during the outage reaches Capacity through the relay, so its service can scale out.
        using var capacity = new HttpClient { BaseAddress = new Uri(cluster.Service("capacity").BaseUrl) };
        await Eventually.GetAsync<bool>(
            async () => (await capacity.GetAsync("/subnets/outage-late-net")).IsSuccessStatusCode ? true : null,
            TimeSpan.FromSeconds(60),
            "Capacity to hold the report of subnet outage-late-net, applied while the broker was down");
        var late = await cluster.WaitForFinishedSagaAsync(await cluster.RequestScaleOutAsync("outage-late", count: 1), TimeSpan.FromSeconds(120));
        Assert.True(late.GetProperty("status").GetString() == "Completed", $"{late}\n{cluster.Logs()}");
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

        await cluster.WaitUntilHealthyAsync(RecoveryTimeout);
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
