using k8s;
using Surge.Provisioner.Providers;
using Surge.Provisioner.Providers.Kubernetes;

namespace Surge.KubernetesApi.Tests.Driver;

[Trait("Category", "Rollout")]
public class InstanceProviderRouterTests
{
    private static InstanceLaunch Launch(string node, string address) =>
        new(Guid.NewGuid(), Guid.NewGuid(), "feed", node, address, "registry.local/feed:1.0", 500, 256, "corr");

    [Fact]
    public async Task StartAsync_MappedPool_RunsPod()
    {
        await using var cluster = await SimulatedCluster.StartAsync();
        var router = cluster.Router();
        var launch = Launch("node-1", "10.1.2.3");

        var endpoint = await router.StartAsync(launch, CancellationToken.None);
        await router.StopAsync(launch.InstanceId, CancellationToken.None);

        Assert.Equal("http://10.1.2.3:8080", endpoint);
        Assert.Empty((await cluster.Client.CoreV1.ListNamespacedPodAsync(SimulatedCluster.Namespace)).Items);
    }

    [Theory]
    [InlineData("node-elsewhere")]
    [InlineData("sim-node-7")]
    public async Task StartAsync_OtherNode_UsesSimulatedDataCentre(string node)
    {
        await using var cluster = await SimulatedCluster.StartAsync();
        var router = cluster.Router();
        var launch = Launch(node, "127.0.0.1");

        var endpoint = await router.StartAsync(launch, CancellationToken.None);

        Assert.StartsWith("http://127.0.0.1:", endpoint, StringComparison.Ordinal);
        Assert.Empty((await cluster.Client.CoreV1.ListNamespacedPodAsync(SimulatedCluster.Namespace)).Items);
        await router.ReleaseAllAsync(CancellationToken.None);
    }
}
