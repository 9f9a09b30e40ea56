using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Npgsql;
using Surge.IntegrationTests.Harness;

namespace Surge.IntegrationTests.Ipam;

/// <summary>Ipam stores a snapshot of a subnet's address ledger in the background, and it matches what was allocated.</summary>
[Collection(IpamCollection.Name)]
[Trait("Category", "Ipam")]
public sealed class LedgerSnapshotTests(IpamCluster cluster)
{
    private const string Subnet = "snapshot-net";

    [Fact]
    public async Task EntriesPastInterval_SnapshotStored()
    {
        await cluster.PutSubnetAsync(Subnet, new { cidr = "10.224.0.0/24", nodes = new[] { "snapshot-node" } });

        // One request at a time, so each allocation is an entry of its own and the cluster's interval of 7 is passed.
        using var ipam = new HttpClient { BaseAddress = new Uri(cluster.Service("ipam").BaseUrl) };
        var allocated = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < 12; i++)
        {
            var instanceId = Guid.NewGuid();
            using var allocate = await ipam.PostAsJsonAsync("/allocations", new { instanceId, node = "snapshot-node", pool = "snapshot-pool" });
            var body = await allocate.Content.ReadAsStringAsync();
            Assert.True(allocate.StatusCode == HttpStatusCode.Created, body);
            allocated[JsonDocument.Parse(body).RootElement.GetProperty("address").GetString()!] = instanceId.ToString();
        }

        var snapshot = await Eventually.GetAsync<StoredSnapshot>(StoredSnapshotAsync, TimeSpan.FromSeconds(30), "a stored address ledger snapshot of snapshot-net");

        Assert.True(snapshot.Version >= 7, $"The snapshot is at entry {snapshot.Version}.");
        Assert.True(snapshot.Version <= await LedgerVersionAsync(), "The snapshot is ahead of the stored ledger.");
        Assert.NotEmpty(snapshot.Holders);
        Assert.All(snapshot.Holders, holder => Assert.Equal(allocated.GetValueOrDefault(holder.Address), holder.InstanceId));
    }

    [Fact]
    public async Task LedgerStream_SlashEscaped_IsFound()
    {
        await cluster.PutSubnetAsync("escaped-net", new { cidr = "10.225.0.0/24", nodes = new[] { "escaped-node" }, warm = new { minimum = 2, target = 4 } });

        // The refill opens a block for the node, which is the ledger's first entry.
        var found = await Eventually.GetAsync(
            async () =>
            {
                using var response = await cluster.Gateway.GetAsync("/api/ipam/audit/streams/addresses%2Fescaped-net");
                return response.IsSuccessStatusCode ? (await response.Content.ReadAsStringAsync()).Contains("escaped-node", StringComparison.Ordinal) : (bool?)null;
            },
            TimeSpan.FromSeconds(30),
            "the ledger stream addresses/escaped-net under its escaped key");
        Assert.True(found);
    }

    [Fact]
    public async Task LedgerStream_BadAsOf_400NamesField()
    {
        using var response = await cluster.Gateway.GetAsync($"/api/ipam/audit/streams/addresses/{Subnet}?asOf=garbage");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.Contains("ISO 8601", errors.GetProperty("asOf")[0].GetString(), StringComparison.Ordinal);
    }

    private async Task<StoredSnapshot?> StoredSnapshotAsync()
    {
        await using var connection = new NpgsqlConnection(cluster.Postgres);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("select data::text from ipam.mt_doc_addressledgersnapshot where id = @id", connection);
        command.Parameters.AddWithValue("id", Subnet);
        if (await command.ExecuteScalarAsync() is not string json)
        {
            return null;
        }

        var root = JsonDocument.Parse(json).RootElement;
        var holders = root.GetProperty("blocks").EnumerateArray()
            .SelectMany(block => block.GetProperty("allocations").EnumerateArray())
            .Select(allocation => (allocation.GetProperty("address").GetString()!, allocation.GetProperty("instanceId").GetString()!))
            .ToList();
        return new StoredSnapshot(root.GetProperty("version").GetInt64(), holders);
    }

    private async Task<long> LedgerVersionAsync()
    {
        await using var connection = new NpgsqlConnection(cluster.Postgres);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("select version from ipam.mt_streams where id = @id", connection);
        command.Parameters.AddWithValue("id", $"addresses/{Subnet}");
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private readonly record struct StoredSnapshot(long Version, List<(string Address, string InstanceId)> Holders);
}
