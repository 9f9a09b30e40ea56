using System.Net.Http.Json;
using System.Text.Json;
using Surge.IntegrationTests.Harness;

namespace Surge.IntegrationTests.Ipam;

/// <summary>A block the refill gives back is closed in the address ledger as well as in the subnet's stream.</summary>
[Collection(IpamCollection.Name)]
[Trait("Category", "Ipam")]
public sealed class BlockGivenBackTests(IpamCluster cluster)
{
    private const string Subnet = "giveback-net";

    [Fact]
    public async Task NodeRemoved_LedgerClosesItsBlock()
    {
        await ApplyAsync(["giveback-1", "giveback-2"]);
        var opened = await Eventually.GetAsync(
            async () => (await LedgerAsync()).Contains("\"giveback-2\"", StringComparison.Ordinal) ? true : (bool?)null,
            TimeSpan.FromSeconds(30),
            "the refill to open a block for giveback-2");
        Assert.True(opened);

        // The subnet lists no pools, so a node taken out of it keeps no warm set, and the refill gives its block back.
        await ApplyAsync(["giveback-1"]);
        var closed = await Eventually.GetAsync(
            async () => (await LedgerAsync()).Contains("\"closed\"", StringComparison.Ordinal) ? true : (bool?)null,
            TimeSpan.FromSeconds(30),
            "a closed change in the address ledger");
        Assert.True(closed);

        var ledger = await LedgerAsync();
        Assert.Contains("no longer serves node 'giveback-2'", ledger, StringComparison.Ordinal);
        var subnet = await cluster.Gateway.GetFromJsonAsync<JsonElement>($"/api/ipam/audit/streams/subnet/{Subnet}");
        Assert.Contains("AddressBlockReleased", subnet.GetRawText(), StringComparison.Ordinal);
    }

    private async Task ApplyAsync(string[] nodes)
    {
        using var apply = await cluster.Gateway.PutAsJsonAsync($"/api/ipam/subnets/{Subnet}", new { cidr = "10.223.0.0/24", nodes, warm = new { minimum = 2, target = 8 } });
        Assert.True(apply.IsSuccessStatusCode, await apply.Content.ReadAsStringAsync());
    }

    private async Task<string> LedgerAsync()
    {
        using var response = await cluster.Gateway.GetAsync($"/api/ipam/audit/streams/addresses/{Subnet}");
        return response.IsSuccessStatusCode ? await response.Content.ReadAsStringAsync() : "";
    }
}
