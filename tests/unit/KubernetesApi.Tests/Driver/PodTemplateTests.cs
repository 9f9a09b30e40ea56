using System.Text.Json;
using Surge.Provisioner.Providers;
using Surge.Provisioner.Providers.Kubernetes;

namespace Surge.KubernetesApi.Tests.Driver;

public class PodTemplateTests
{
    private static readonly InstanceLaunch Launch = new(
        Guid.Parse("6f1c2a4e-0000-4000-8000-000000000001"), Guid.NewGuid(), "feed", "node-1", "10.1.2.3", "registry.local/feed:1.4.2", 500, 256, "corr");

    private static readonly Dictionary<string, SidecarOptions> Sidecars = new()
    {
        ["log-shipper"] = new SidecarOptions { Image = "registry.local/fluent-bit:3", CpuMillicores = 50, MemoryMiB = 64 },
        ["mesh-proxy"] = new SidecarOptions { Image = "registry.local/envoy:1.31" },
    };

    [Fact]
    public void Build_Launch_BindsNodeAndCalicoAddress()
    {
        var pod = PodTemplate.Build(Launch, Sidecars, 8080);

        Assert.Equal("node-1", pod.Spec.NodeName);
        Assert.Equal("feed-6f1c2a4e000040008000000000000001", pod.Metadata.Name);
        var value = pod.Metadata.Annotations[PodTemplate.CalicoIpAddrs];
        Assert.Equal("""["10.1.2.3"]""", value);
        Assert.Equal(["10.1.2.3"], JsonSerializer.Deserialize<string[]>(value)!);
    }

    [Fact]
    public void Build_Launch_SetsServiceVersionInstanceLabels()
    {
        var labels = PodTemplate.Build(Launch, Sidecars, 8080).Metadata.Labels;

        Assert.Equal("feed", labels[PodTemplate.ServiceLabel]);
        Assert.Equal("1.4.2", labels[PodTemplate.VersionLabel]);
        Assert.Equal(Launch.InstanceId.ToString(), labels[PodTemplate.InstanceLabel]);
    }

    [Fact]
    public void Build_Shape_SetsResourcesAndSidecars()
    {
        var containers = PodTemplate.Build(Launch, Sidecars, 8080).Spec.Containers;

        Assert.Equal(["app", "log-shipper", "mesh-proxy"], containers.Select(container => container.Name));
        Assert.Equal("500m", containers[0].Resources.Requests["cpu"].ToString());
        Assert.Equal("256Mi", containers[0].Resources.Limits["memory"].ToString());
        Assert.Equal("64Mi", containers[1].Resources.Limits["memory"].ToString());
        Assert.Null(containers[2].Resources);
    }

    [Theory]
    [InlineData("registry.local:5000/feed:1.4.2", "1.4.2")]
    [InlineData("feed", "latest")]
    [InlineData("feed@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", "sha256-0123456789abcdef0123456789abcdef0123456789abcdef01234567")]
    public void Version_Image_IsValidLabelValue(string image, string version) =>
        Assert.Equal(version, PodTemplate.Version(image));
}
