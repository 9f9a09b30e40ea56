using Surge.IntegrationTests.Harness;
using Surge.IntegrationTests.ScaleIn;

namespace Surge.IntegrationTests.Ipam;

/// <summary>Addresses belong to instance ids, never names, and a released one waits in quarantine.</summary>
[Collection(IpamCollection.Name)]
[Trait("Category", "Ipam")]
public sealed class QuickRescaleTests(IpamCluster cluster)
{
    [Fact]
    public async Task ScaledDownAndUpAgain_NewInstanceGetsNoAddressOfItsPredecessor()
    {
        await cluster.ApplyFleetAsync(Fleets.ForService("rescale", "127.78.72.0/24", "{alertname: Rescale}"));
        await cluster.ScaleOutAndWaitAsync("rescale", 1, TimeSpan.FromSeconds(60));
        var predecessor = Assert.Single(await cluster.StartedInstancesAsync("rescale"));

        var scaleIn = await cluster.RequestScaleInAsync("rescale", 1);
        var saga = await cluster.WaitForFinishedSagaAsync(scaleIn, TimeSpan.FromSeconds(60));
        Assert.Equal("Completed", saga.GetProperty("status").GetString());
        await cluster.ScaleOutAndWaitAsync("rescale", 1, TimeSpan.FromSeconds(60));

        var successor = Assert.Single(await cluster.StartedInstancesAsync("rescale"));
        Assert.NotEqual(predecessor.InstanceId, successor.InstanceId);
        Assert.NotEqual(predecessor.Address, successor.Address);
        Assert.Null(await cluster.AddressOfAsync(predecessor.InstanceId));
    }
}
