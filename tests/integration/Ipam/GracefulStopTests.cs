using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Npgsql;
using Surge.IntegrationTests.Harness;

namespace Surge.IntegrationTests.Ipam;

/// <summary>An Ipam process that receives SIGTERM still replies to the allocation requests it had accepted.</summary>
[Collection(IpamCollection.Name)]
[Trait("Category", "Ipam")]
public sealed class GracefulStopTests(IpamCluster cluster)
{
    // Ipam's address-space lock, which every allocation commit takes; holding it here keeps requests in flight.
    private const long AddressSpaceLock = 0x5375_7267_6500_0002;

    [Fact]
    public async Task StopWithRequestsInFlight_AnswersEach()
    {
        await cluster.PutSubnetAsync("stop-net", new { cidr = "10.227.0.0/24", nodes = new[] { "stop-node" } });

        await using var replica = await cluster.StartReplicaAsync("ipam");
        using var client = new HttpClient { BaseAddress = new Uri(replica.BaseUrl), Timeout = TimeSpan.FromSeconds(60) };
        Task<HttpResponseMessage>[] requests;
        await using (var holder = new NpgsqlConnection(cluster.Postgres))
        {
            await holder.OpenAsync();
            await using (var take = new NpgsqlCommand($"select pg_advisory_lock({AddressSpaceLock})", holder))
            {
                await take.ExecuteNonQueryAsync();
            }

            requests = [.. Enumerable.Range(0, 20).Select(_ => client.PostAsJsonAsync("/allocations", new { instanceId = Guid.NewGuid(), node = "stop-node", pool = "stop-pool" }))];

            // The requests reach the committer and wait for the lock; the stop begins while they wait.
            await Task.Delay(TimeSpan.FromSeconds(1));
            replica.Terminate();
            await Task.Delay(TimeSpan.FromSeconds(1));

            // Released explicitly: a pooled connection keeps its session lock when it goes back to the pool.
            await using var release = new NpgsqlCommand($"select pg_advisory_unlock({AddressSpaceLock})", holder);
            await release.ExecuteNonQueryAsync();
        }

        var responses = await Task.WhenAll(requests);
        var addresses = new List<string>();
        foreach (var response in responses)
        {
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.Created, $"{(int)response.StatusCode}: {body}");
            addresses.Add(JsonDocument.Parse(body).RootElement.GetProperty("address").GetString()!);
            response.Dispose();
        }

        Assert.Equal(addresses.Count, addresses.Distinct().Count());
        Assert.True(await replica.WaitForExitAsync(TimeSpan.FromSeconds(30)), "The replica did not exit after SIGTERM.");
    }
}
