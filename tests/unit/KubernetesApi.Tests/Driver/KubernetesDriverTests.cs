using k8s;
using Surge.Provisioner.Providers;
using Surge.Provisioner.Providers.Kubernetes;

namespace Surge.KubernetesApi.Tests.Driver;

[Trait("Category", "Rollout")]
public class KubernetesDriverTests
{
    private const string Digest1 = "sha256:1111111111111111111111111111111111111111111111111111111111111111";

    private static readonly Dictionary<string, string?> SameDigestTags = new()
    {
        ["KubernetesApi:ImageDigests:0:Image"] = "registry.local/feed:1.0",
        ["KubernetesApi:ImageDigests:0:Digest"] = Digest1,
        ["KubernetesApi:ImageDigests:1:Image"] = "registry.local/feed:1.0-stable",
        ["KubernetesApi:ImageDigests:1:Digest"] = Digest1,
    };

    private static InstanceLaunch Launch(string node = "node-1") =>
        new(Guid.NewGuid(), Guid.NewGuid(), "feed", node, "10.1.2.3", "registry.local/feed:1.0", 500, 256, "corr");

    private static Task<k8s.Models.V1Pod> ReadPodAsync(SimulatedCluster cluster, InstanceLaunch launch) =>
        cluster.Client.CoreV1.ReadNamespacedPodAsync(PodTemplate.PodName(launch.Service, launch.InstanceId), SimulatedCluster.Namespace);

    [Fact]
    public async Task StartAsync_MappedNode_CreatesReadyPodWithAddress()
    {
        await using var cluster = await SimulatedCluster.StartAsync();
        var driver = cluster.Driver(options => options.Services["feed"] = new KubernetesServiceOptions
        {
            Sidecars = { ["log-shipper"] = new SidecarOptions { Image = "registry.local/fluent-bit:3" } },
        });
        var launch = Launch();

        var endpoint = await driver.StartAsync(launch, CancellationToken.None);

        var pod = await ReadPodAsync(cluster, launch);
        Assert.Equal("http://10.1.2.3:8080", endpoint);
        Assert.Equal("node-1", pod.Spec.NodeName);
        Assert.Equal("10.1.2.3", pod.Status.PodIP);
        Assert.Equal("192.168.1.20", pod.Status.HostIP);
        Assert.Equal("Running", pod.Status.Phase);
        Assert.Equal(["app", "log-shipper"], pod.Status.ContainerStatuses.Select(status => status.Name));
        Assert.All(pod.Status.ContainerStatuses, status => Assert.True(status.Ready));
        Assert.Equal("500m", pod.Spec.Containers[0].Resources.Limits["cpu"].ToString());
        Assert.Equal("[\"10.1.2.3\"]", pod.Metadata.Annotations[PodTemplate.CalicoIpAddrs]);
        Assert.Equal("1.0", pod.Metadata.Labels[PodTemplate.VersionLabel]);
    }

    [Fact]
    public async Task StartAsync_UnmappedNode_Fails()
    {
        await using var cluster = await SimulatedCluster.StartAsync();

        var error = await Assert.ThrowsAsync<InstanceStartException>(() => cluster.Driver().StartAsync(Launch("node-elsewhere"), CancellationToken.None));

        Assert.Contains("node-elsewhere", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UpdateAsync_NewImage_WaitsForRestartedContainer()
    {
        await using var cluster = await SimulatedCluster.StartAsync();
        var driver = cluster.Driver();
        var launch = Launch();
        await driver.StartAsync(launch, CancellationToken.None);
        var before = await ReadPodAsync(cluster, launch);

        var endpoint = await driver.UpdateAsync(launch with { Image = "registry.local/feed:2.0" }, "http://10.1.2.3:8080", CancellationToken.None);

        var after = await ReadPodAsync(cluster, launch);
        var status = UpdateCompletion.MainStatus(after)!;
        Assert.Equal("http://10.1.2.3:8080", endpoint);
        Assert.Equal(before.Metadata.Uid, after.Metadata.Uid);
        Assert.Equal("10.1.2.3", after.Status.PodIP);
        Assert.True(status.Ready);
        Assert.Equal(1, status.RestartCount);
        Assert.NotEqual(UpdateCompletion.MainStatus(before)!.ContainerID, status.ContainerID);
        Assert.NotEqual(UpdateCompletion.MainStatus(before)!.ImageID, status.ImageID);
        Assert.StartsWith("docker-pullable://registry.local/feed@sha256:", status.ImageID, StringComparison.Ordinal);
        Assert.Equal("2.0", after.Metadata.Labels[PodTemplate.VersionLabel]);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task UpdateAsync_SameDigestTag_Completes(bool restartOnSameDigest)
    {
        var settings = new Dictionary<string, string?>(SameDigestTags) { ["KubernetesApi:Kubelet:RestartOnSameDigest"] = restartOnSameDigest.ToString() };
        await using var cluster = await SimulatedCluster.StartAsync(settings);
        var driver = cluster.Driver(options => options.ReadyTimeout = TimeSpan.FromSeconds(5));
        var launch = Launch();
        await driver.StartAsync(launch, CancellationToken.None);

        await driver.UpdateAsync(launch with { Image = "registry.local/feed:1.0-stable" }, "http://10.1.2.3:8080", CancellationToken.None);

        var status = UpdateCompletion.MainStatus(await ReadPodAsync(cluster, launch))!;
        Assert.Equal("docker-pullable://registry.local/feed@" + Digest1, status.ImageID);
        Assert.Equal(restartOnSameDigest ? 1 : 0, status.RestartCount);
        Assert.True(status.Ready);
    }

    // Without the idle timeout the start would wait on the silenced watch until ReadyTimeout and fail.
    [Fact]
    public async Task StartAsync_SilencedWatch_ReopensAfterIdleTimeout()
    {
        await using var cluster = await SimulatedCluster.StartAsync(new Dictionary<string, string?> { ["KubernetesApi:Kubelet:PullDelay"] = "00:00:01" });
        var driver = cluster.Driver(options => options.WatchIdleTimeout = TimeSpan.FromMilliseconds(400));

        var start = driver.StartAsync(Launch(), CancellationToken.None);
        await cluster.WaitForWatchesAsync(1);
        var silenced = await cluster.SilenceWatchesAsync();
        var endpoint = await start;

        Assert.Equal(1, silenced);
        Assert.Equal("http://10.1.2.3:8080", endpoint);
    }

    [Fact]
    public async Task StartAsync_WatchClosedWith410_ListsAgain()
    {
        await using var cluster = await SimulatedCluster.StartAsync(new Dictionary<string, string?> { ["KubernetesApi:Kubelet:PullDelay"] = "00:00:01" });
        var driver = cluster.Driver();

        var start = driver.StartAsync(Launch(), CancellationToken.None);
        await cluster.WaitForWatchesAsync(1);
        await cluster.ExpireAllAsync(closeWatches: true);

        Assert.Equal("http://10.1.2.3:8080", await start);
    }

    [Fact]
    public async Task StartAsync_SilentWatchExpired_ListsAgain()
    {
        await using var cluster = await SimulatedCluster.StartAsync(new Dictionary<string, string?> { ["KubernetesApi:Kubelet:PullDelay"] = "00:00:01" });
        var driver = cluster.Driver(options => options.WatchIdleTimeout = TimeSpan.FromMilliseconds(400));
        var launch = Launch();

        var start = driver.StartAsync(launch, CancellationToken.None);
        await cluster.WaitForWatchesAsync(1);
        await cluster.SilenceWatchesAsync();
        await cluster.ExpireAllAsync(closeWatches: false);

        Assert.Equal("http://10.1.2.3:8080", await start);
    }

    [Fact]
    public async Task TryStopAsync_StartedPod_DeletesIt()
    {
        await using var cluster = await SimulatedCluster.StartAsync();
        var driver = cluster.Driver();
        var launch = Launch();
        await driver.StartAsync(launch, CancellationToken.None);

        Assert.True(await driver.TryStopAsync(launch.InstanceId, CancellationToken.None));

        Assert.Empty((await cluster.Client.CoreV1.ListNamespacedPodAsync(SimulatedCluster.Namespace)).Items);
        Assert.False(await driver.TryStopAsync(launch.InstanceId, CancellationToken.None));
    }
}
