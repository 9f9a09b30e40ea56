using System.Net.Http.Json;
using System.Text.Json;
using Surge.IntegrationTests.Harness;
using Surge.IntegrationTests.ScaleIn;

namespace Surge.IntegrationTests.Scheduler;

/// <summary>
/// A scale-out bigger than the service's pool fills its own nodes, borrows what a lender may lend, then grows the pool
/// with a private cloud node and, when that quota is used up, a public cloud node.
/// </summary>
[Collection(OverflowCollection.Name)]
[Trait("Category", "Scheduler")]
public sealed class BorrowAndOverflowTests(OverflowCluster cluster)
{
    private const string Service = "bursty";
    private static readonly TimeSpan SagaTimeout = TimeSpan.FromSeconds(90);

    // Own pool: one node of 2000 millicores (4 instances). Lender: 4000 millicores lending half (4 instances).
    // Private cloud: one node of 2000 (4 instances); the public cloud adds one more node for the last 2.
    private const string Fleet = """
        apiVersion: surge/v1
        kind: Pool
        metadata: {name: bursty-pool}
        spec: {overflowProviders: [public-cloud, private-cloud]}
        ---
        apiVersion: surge/v1
        kind: Pool
        metadata: {name: batch-pool}
        spec: {lendsIdleCapacity: true, maxLendRatio: 0.5, lenderPriority: 1}
        ---
        apiVersion: surge/v1
        kind: Node
        metadata: {name: bursty-node-1}
        spec: {pool: bursty-pool, zone: zone-a, rack: r1, cpuMillicores: 2000, memoryMiB: 8192}
        ---
        apiVersion: surge/v1
        kind: Node
        metadata: {name: batch-node-1}
        spec: {pool: batch-pool, zone: zone-b, rack: r2, cpuMillicores: 4000, memoryMiB: 16384}
        ---
        apiVersion: surge/v1
        kind: Subnet
        metadata: {name: bursty-net}
        spec: {cidr: 127.78.1.0/24, gateway: 127.78.1.1, pools: [bursty-pool, batch-pool]}
        ---
        apiVersion: surge/v1
        kind: Service
        metadata: {name: bursty}
        spec:
          pool: bursty-pool
          image: registry.local/bursty:1.0.0
          shape: {cpuMillicores: 500, memoryMiB: 512}
          maxInstances: 20
        """;

    [Fact]
    public async Task ScaleOutBeyondPool_BorrowsThenOverflows()
    {
        await cluster.ApplyFleetAsync(Fleet);
        var inventory = await cluster.Gateway.GetFromJsonAsync<JsonElement>($"/api/inventory/{Service}");
        Assert.Equal(8, inventory.GetProperty("fits").GetInt64());
        Assert.Equal(4, inventory.GetProperty("own").GetInt64());
        Assert.Equal(4, inventory.GetProperty("borrowable").GetInt64());
        var clouds = inventory.GetProperty("cloudOverflow").EnumerateArray().ToList();
        Assert.Equal(["private-cloud", "public-cloud"], clouds.Select(c => c.GetProperty("provider").GetString()));

        // The same question as a POST with a bigger shape: 1000 millicores fit twice on the own node and twice on the
        // lender's half, and the explanation names each node's limit.
        using var asked = await cluster.Gateway.PostAsJsonAsync("/api/inventory", new
        {
            service = Service,
            shape = new { cpuMillicores = 1000, memoryMiB = 512 },
            explain = true,
        });
        var answer = await asked.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(asked.IsSuccessStatusCode, $"POST /api/inventory answered {(int)asked.StatusCode}: {answer}");
        Assert.Equal(4, answer.GetProperty("fits").GetInt64());
        Assert.Equal(
            ["bursty-node-1:cpu", "batch-node-1:lendLimit"],
            answer.GetProperty("rejections").EnumerateArray().Select(r => $"{r.GetProperty("node").GetString()}:{r.GetProperty("dimension").GetString()}"));

        var sagaId = await cluster.RequestScaleOutAsync(Service, 14);
        var saga = await cluster.WaitForFinishedSagaAsync(sagaId, SagaTimeout);
        Assert.True(saga.GetProperty("status").GetString() == "Completed", $"Saga {sagaId} ended as {saga}.\n{cluster.Logs()}");

        var events = await cluster.GetSagaEventsAsync(sagaId);
        var requested = events.Where(e => e.GetProperty("type").GetString() == "OverflowNodesRequested").Select(e => e.GetProperty("data")).ToList();
        Assert.Equal(["private-cloud", "public-cloud"], requested.Select(r => r.GetProperty("provider").GetString()));
        Assert.Equal([6, 2], requested.Select(r => r.GetProperty("shortBy").GetInt32()));
        Assert.All(requested, r => Assert.Contains("cpu", r.GetProperty("reason").GetString()));
        Assert.Equal(2, events.Count(e => e.GetProperty("type").GetString() == "OverflowNodesJoined"));

        var placed = events.Single(e => e.GetProperty("type").GetString() == "InstancesPlaced").GetProperty("data").GetProperty("placements").EnumerateArray().ToList();
        var bySource = placed.GroupBy(p => p.GetProperty("source").GetString()).ToDictionary(g => g.Key!, g => g.Count());
        Assert.Equal(4, bySource["own"]);
        Assert.Equal(4, bySource["borrowed"]);
        Assert.Equal(6, bySource["overflow"]);

        // Spread balances the overflow instances over both new nodes, one per zone.
        var onCloud = placed.Where(p => p.GetProperty("source").GetString() == "overflow").Select(p => p.GetProperty("node").GetString()!).ToList();
        Assert.Equal(3, onCloud.Count(node => node.StartsWith("private-cloud-", StringComparison.Ordinal)));
        Assert.Equal(3, onCloud.Count(node => node.StartsWith("public-cloud-", StringComparison.Ordinal)));

        var after = await cluster.Gateway.GetFromJsonAsync<JsonElement>($"/api/inventory/{Service}");
        Assert.Equal(2, after.GetProperty("fits").GetInt64());
        Assert.Equal("cpu", after.GetProperty("limit").GetString());

        await ScaleInTakesBorrowedAndOverflowFirst_ThenIdleCloudNodesLeave(placed);
    }

    // Ten victims out of 4 own, 4 borrowed and 6 overflow instances: every borrowed and overflow instance goes, the
    // own pool keeps all four, and the emptied cloud nodes are given back once idle.
    private async Task ScaleInTakesBorrowedAndOverflowFirst_ThenIdleCloudNodesLeave(List<JsonElement> placed)
    {
        var sourceOf = placed.ToDictionary(p => p.GetProperty("instanceId").GetString()!, p => p.GetProperty("source").GetString());
        var sagaId = await cluster.RequestScaleInAsync(Service, 10);
        var saga = await cluster.WaitForFinishedSagaAsync(sagaId, SagaTimeout);
        Assert.True(saga.GetProperty("status").GetString() == "Completed", $"Scale-in {sagaId} ended as {saga}.\n{cluster.Logs()}");
        Assert.All(ScaleInRequests.VictimIds(saga), victim => Assert.NotEqual("own", sourceOf[victim]));

        await cluster.WaitUntilCloudNodesGoneAsync(TimeSpan.FromSeconds(30));
    }
}
