using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Surge.IntegrationTests.Harness;

namespace Surge.IntegrationTests.Ipam;

/// <summary>Two Ipam processes serving allocations at the same time never give one address to two instances.</summary>
[Collection(IpamCollection.Name)]
[Trait("Category", "Ipam")]
public sealed class ConcurrentAllocationTests(IpamCluster cluster)
{
    private const int Allocations = 1000;

    [Fact]
    public async Task ThousandAllocationsOverTwoProcesses_GiveNoAddressTwice()
    {
        using (var apply = await cluster.Gateway.PutAsJsonAsync("/api/ipam/subnets/burst-net", new { cidr = "10.210.0.0/20", pools = new[] { "burst-pool" } }))
        {
            Assert.True(apply.IsSuccessStatusCode, await apply.Content.ReadAsStringAsync());
        }

        await using var replica = await cluster.StartReplicaAsync("ipam");
        using var first = new HttpClient { BaseAddress = new Uri(cluster.Service("ipam").BaseUrl), Timeout = TimeSpan.FromSeconds(60) };
        using var second = new HttpClient { BaseAddress = new Uri(replica.BaseUrl), Timeout = TimeSpan.FromSeconds(60) };
        using var inFlight = new SemaphoreSlim(100);

        // Every other request goes to the other process, over 20 nodes, so both processes claim blocks and take
        // addresses from the same nodes' blocks at the same time.
        var results = await Task.WhenAll(Enumerable.Range(0, Allocations).Select(async index =>
        {
            await inFlight.WaitAsync();
            try
            {
                var instanceId = Guid.NewGuid();
                var client = index % 2 == 0 ? first : second;
                using var response = await client.PostAsJsonAsync("/allocations", new { instanceId, node = $"burst-node-{index % 20}", pool = "burst-pool", service = "burst" });
                var body = await response.Content.ReadAsStringAsync();
                Assert.True(response.StatusCode == HttpStatusCode.Created, $"Allocation {index} answered {(int)response.StatusCode}: {body}");
                return (InstanceId: instanceId.ToString(), Address: JsonDocument.Parse(body).RootElement.GetProperty("address").GetString()!);
            }
            finally
            {
                inFlight.Release();
            }
        }));

        var returnedTwice = results.GroupBy(result => result.Address).Where(group => group.Count() > 1).Select(group => group.Key).ToList();
        Assert.True(returnedTwice.Count == 0, $"{returnedTwice.Count} addresses were returned to more than one instance, first {returnedTwice.FirstOrDefault()}");

        var stored = await cluster.AllocationsAsync("burst-net");
        Assert.Equal(Allocations, stored.Count);
        Assert.Equal(Allocations, stored.Select(allocation => allocation.Address).Distinct().Count());
        Assert.Equal(results.OrderBy(result => result.InstanceId).ToList(), stored.OrderBy(allocation => allocation.InstanceId).ToList());

        // A process that starts now has nothing in memory: it reads the ledger's last snapshot and the entries after it.
        // Reconciliation keeps releasing these addresses, whose instances no provider reports, so the late process is
        // compared with a running one between two of its reads that agree.
        await using var late = await cluster.StartReplicaAsync("ipam");
        using var third = new HttpClient { BaseAddress = new Uri(late.BaseUrl), Timeout = TimeSpan.FromSeconds(60) };
        for (var attempt = 1; ; attempt++)
        {
            var before = await ListAsync(first);
            var seenLate = await ListAsync(third);
            var after = await ListAsync(first);
            if (before.SequenceEqual(after) || attempt == 20)
            {
                Assert.True(before.SequenceEqual(after), "The running process's allocations changed between every pair of reads.");
                Assert.Equal(before, seenLate);
                break;
            }
        }
    }

    private static async Task<List<(string InstanceId, string Address)>> ListAsync(HttpClient ipam) =>
        [.. (await ipam.GetFromJsonAsync<JsonElement[]>("/allocations?subnet=burst-net"))!
            .Select(allocation => (allocation.GetProperty("instanceId").GetString()!, allocation.GetProperty("address").GetString()!))
            .OrderBy(allocation => allocation.Item1, StringComparer.Ordinal)];
}
