using Surge.IntegrationTests.Harness;
using Surge.IntegrationTests.ScaleIn;

namespace Surge.IntegrationTests.Ipam;

/// <summary>
/// Reconciliation with the providers' inventory: a node that becomes unreachable keeps its instances' addresses, so its
/// return never leaves one address on two live instances, while instances that really died give theirs back.
/// </summary>
[Collection(IpamCollection.Name)]
[Trait("Category", "Ipam")]
public sealed class NodeOutageTests(IpamCluster cluster)
{
    [Fact]
    public async Task NodeDownThenBack_NoAddressOnTwoLiveInstances()
    {
        await cluster.ApplyFleetAsync(Fleets.ForService("outage", "127.78.70.0/24", "{alertname: Outage}"));
        await cluster.ScaleOutAndWaitAsync("outage", 4, TimeSpan.FromSeconds(60));
        var before = await cluster.StartedInstancesAsync("outage");
        var down = before[0].Node;

        // Several reports list the node as unreachable while the grace period passes more than twice.
        await cluster.BeginOutageAsync(down, instancesSurvive: true);
        await Task.Delay(IpamCluster.GracePeriod * 2 + TimeSpan.FromSeconds(3));
        foreach (var instance in before)
        {
            Assert.Equal(instance.Address, await cluster.AddressOfAsync(instance.InstanceId));
        }

        // Capacity is not told of the outage, so an instance placed on that node fails to start and gives its
        // address back. The one on the other node starts with an address of its own.
        var during = await cluster.RequestScaleOutAsync("outage", 2, minimumCount: 1);
        await cluster.WaitForFinishedSagaAsync(during, TimeSpan.FromSeconds(60));
        await cluster.EndOutageAsync(down);
        await Task.Delay(TimeSpan.FromSeconds(3));

        var live = await cluster.StartedInstancesAsync("outage");
        Assert.True(live.Count > before.Count, $"No instance started during the outage; live: {string.Join(", ", live)}");
        Assert.Equal(live.Count, live.Select(instance => instance.Address).Distinct().Count());
        foreach (var instance in live)
        {
            Assert.Equal(instance.Address, await cluster.AddressOfAsync(instance.InstanceId));
        }

        Assert.Empty(await cluster.ConflictsAsync("outage-net"));
    }

    [Fact]
    public async Task InstancesLostWithTheirNode_AddressesReleasedAfterGracePeriod()
    {
        await cluster.ApplyFleetAsync(Fleets.ForService("lost", "127.78.71.0/24", "{alertname: Lost}"));
        await cluster.ScaleOutAndWaitAsync("lost", 4, TimeSpan.FromSeconds(60));
        var before = await cluster.StartedInstancesAsync("lost");
        var down = before[0].Node;
        var onDown = before.Where(instance => instance.Node == down).ToList();

        await cluster.BeginOutageAsync(down, instancesSurvive: false);
        await cluster.EndOutageAsync(down);

        // The node is reachable again without those instances, so after the grace period their addresses go back.
        foreach (var instance in onDown)
        {
            await Eventually.GetAsync<bool>(
                async () => await cluster.AddressOfAsync(instance.InstanceId) is null ? true : null,
                IpamCluster.GracePeriod + TimeSpan.FromSeconds(15),
                $"the release of {instance.Address} held by lost instance {instance.InstanceId}");
        }

        foreach (var instance in before.Except(onDown))
        {
            Assert.Equal(instance.Address, await cluster.AddressOfAsync(instance.InstanceId));
        }

        // The released addresses stay in quarantine, so new instances get others.
        await cluster.ScaleOutAndWaitAsync("lost", 2, TimeSpan.FromSeconds(60));
        var after = await cluster.StartedInstancesAsync("lost");
        Assert.DoesNotContain(after, instance => onDown.Any(lost => lost.Address == instance.Address));
    }
}
