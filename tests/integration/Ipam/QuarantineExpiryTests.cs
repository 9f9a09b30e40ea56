using System.Net.Http.Json;
using System.Text.Json;
using Surge.IntegrationTests.Harness;
using Surge.IntegrationTests.ScaleIn;

namespace Surge.IntegrationTests.Ipam;

/// <summary>Capacity counts quarantined addresses as taken, and learns when the quarantine ends although no stream moves.</summary>
[Collection(IpamCollection.Name)]
[Trait("Category", "Ipam")]
public sealed class QuarantineExpiryTests(IpamCluster cluster)
{
    [Fact]
    public async Task QuarantineEnds_CapacitySeesTheAddressesFreeAgain()
    {
        await cluster.ApplyFleetAsync(Fleets.ForService("expiry", "127.78.73.0/28", "{alertname: Expiry}"));
        await cluster.ScaleOutAndWaitAsync("expiry", 3, TimeSpan.FromSeconds(60));
        var scaleIn = await cluster.RequestScaleInAsync("expiry", 3);
        Assert.Equal("Completed", (await cluster.WaitForFinishedSagaAsync(scaleIn, TimeSpan.FromSeconds(60))).GetProperty("status").GetString());

        await Eventually.GetAsync<bool>(async () => await TakenAsync() == 3 ? true : null, TimeSpan.FromSeconds(15), "Capacity counting the 3 quarantined addresses as taken");
        await Eventually.GetAsync<bool>(
            async () => await TakenAsync() == 0 ? true : null,
            IpamCluster.Quarantine + TimeSpan.FromSeconds(20),
            "Capacity seeing the addresses free once their quarantine ended");
    }

    private async Task<long> TakenAsync()
    {
        var report = await cluster.Gateway.GetFromJsonAsync<JsonElement>("/api/capacity/subnets/expiry-net");
        return report.GetProperty("takenAddresses").GetInt64();
    }
}
