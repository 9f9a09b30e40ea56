using System.Text.Json.Nodes;
using Surge.Simulators.KubernetesApi.Kubelet;

namespace Surge.KubernetesApi.Tests.Simulator;

public class PodStatusRendererTests
{
    [Fact]
    public void RequestedAddress_CalicoAnnotation_ReadsAddress()
    {
        var annotations = TestData.Object("calico-ip-annotations-reference.json")["request_annotations"]![0]!["exampleAsPodMetadataJson"]!;
        var pod = new JsonObject { ["metadata"] = new JsonObject { ["annotations"] = annotations.DeepClone() } };

        Assert.Equal("192.168.0.1", PodStatusRenderer.RequestedAddress(pod));
    }

    [Fact]
    public void RequestedAddress_PlainAddress_Throws()
    {
        var pod = new JsonObject { ["metadata"] = new JsonObject { ["annotations"] = new JsonObject { [PodStatusRenderer.CalicoIpAddrs] = "10.1.2.3" } } };

        Assert.Throws<FormatException>(() => PodStatusRenderer.RequestedAddress(pod));
    }

    [Fact]
    public void Render_ReadyPod_HasRealPodFields()
    {
        var real = TestData.Object("pod-get-running-calico-k8s129.json")["status"]!.AsObject();
        var runtime = new PodRuntime(true, 1, DateTimeOffset.UnixEpoch, [new ContainerRuntime("app", "app:1", "sha256:x", "docker-pullable://app@sha256:x", "docker://1", null, 0, ContainerStage.Ready, DateTimeOffset.UnixEpoch)]);

        var status = PodStatusRenderer.Render(new JsonObject { ["metadata"] = new JsonObject() }, runtime, "10.1.2.3", "192.168.1.20", DateTimeOffset.UnixEpoch)["status"]!.AsObject();

        Assert.Empty(real.Select(field => field.Key).Except(status.Select(field => field.Key)));
        var realContainer = real["containerStatuses"]![0]!.AsObject().Select(field => field.Key);
        Assert.Empty(realContainer.Except(status["containerStatuses"]![0]!.AsObject().Select(field => field.Key)));
        Assert.Equal("Running", status["phase"]!.GetValue<string>());
        Assert.Equal("10.1.2.3", status["podIP"]!.GetValue<string>());
    }
}
