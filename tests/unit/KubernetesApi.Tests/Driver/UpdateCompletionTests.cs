using k8s;
using k8s.Models;
using Surge.Provisioner.Providers.Kubernetes;

namespace Surge.KubernetesApi.Tests.Driver;

public class UpdateCompletionTests
{
    private const string OldDigest = "sha256:b1455e1c4fcc5ea1023c9e3b584cd84b64eb920e332feff690a2829696e379e7";
    private const string NewDigest = "sha256:" + "c0ffee00c0ffee00c0ffee00c0ffee00c0ffee00c0ffee00c0ffee00c0ffee00";

    // The real running pod from a Calico cluster, with its container renamed to the driver's main container.
    private static V1Pod RealPod()
    {
        var pod = KubernetesJson.Deserialize<V1Pod>(TestData.Text("pod-get-running-calico-k8s129.json"));
        pod.Status.ContainerStatuses[0].Name = PodTemplate.MainContainer;
        return pod;
    }

    private static ContainerBaseline Baseline => ContainerBaseline.Of(RealPod());

    private static V1Pod After(Action<V1ContainerStatus> change, long? observedGeneration = 2)
    {
        var pod = RealPod();
        pod.Status.ObservedGeneration = observedGeneration;
        change(pod.Status.ContainerStatuses[0]);
        return pod;
    }

    [Fact]
    public void Baseline_ContainerdImageId_ReadsDigest() =>
        Assert.Equal(OldDigest, Baseline.Digest);

    [Fact]
    public void Check_RestartedReadyContainer_Done()
    {
        var pod = After(status =>
        {
            status.ContainerID = "docker://new";
            status.RestartCount = 1;
            status.ImageID = "docker-pullable://gcr.io/google-samples/hello-app@" + NewDigest;
        });

        Assert.Equal(PodVerdict.Done, UpdateCompletion.Check(pod, Baseline, "gcr.io/google-samples/hello-app:2.0", 2));
    }

    [Fact]
    public void Check_StatusImageOnly_Waiting()
    {
        var pod = After(status => status.Image = "gcr.io/google-samples/hello-app:2.0");
        pod.Status.ContainerStatuses[0].ImageID = "docker-pullable://gcr.io/google-samples/hello-app@" + NewDigest;

        Assert.Equal(PodVerdict.Waiting, UpdateCompletion.Check(pod, Baseline, "gcr.io/google-samples/hello-app:2.0", 2));
    }

    [Fact]
    public void Check_RestartBeforeNewSpec_Waiting()
    {
        var pod = After(status => status.ContainerID = "docker://crashed-and-restarted", observedGeneration: 1);

        Assert.Equal(PodVerdict.Waiting, UpdateCompletion.Check(pod, Baseline, "gcr.io/google-samples/hello-app:2.0", 2));
    }

    [Fact]
    public void Check_SameDigestTag_DoneWithoutRestart()
    {
        var pod = After(status => status.Image = "gcr.io/google-samples/hello-app:1.0-retag");

        Assert.Equal(PodVerdict.Done, UpdateCompletion.Check(pod, Baseline, "gcr.io/google-samples/hello-app:1.0-retag", 2));
    }

    [Fact]
    public void Check_NotReadyAgain_Waiting()
    {
        var pod = After(status =>
        {
            status.ContainerID = "docker://new";
            status.RestartCount = 1;
            status.Ready = false;
        });

        Assert.Equal(PodVerdict.Waiting, UpdateCompletion.Check(pod, Baseline, "gcr.io/google-samples/hello-app:2.0", 2));
    }

    [Fact]
    public void Check_PinnedDigest_DoneWhenItRuns()
    {
        var target = "gcr.io/google-samples/hello-app@" + NewDigest;
        var stillOld = After(status => status.ContainerID = "docker://new");
        var updated = After(status => status.ImageID = "docker-pullable://gcr.io/google-samples/hello-app@" + NewDigest);

        Assert.Equal(PodVerdict.Waiting, UpdateCompletion.Check(stillOld, Baseline, target, 2));
        Assert.Equal(PodVerdict.Done, UpdateCompletion.Check(updated, Baseline, target, 2));
    }

    [Fact]
    public void Check_NoObservedGeneration_UsesStatusImage()
    {
        var unseen = After(status => status.ContainerID = "docker://new", observedGeneration: null);
        var seen = After(
            status =>
            {
                status.ContainerID = "docker://new";
                status.Image = "gcr.io/google-samples/hello-app:2.0";
            },
            observedGeneration: null);

        Assert.Equal(PodVerdict.Waiting, UpdateCompletion.Check(unseen, Baseline, "gcr.io/google-samples/hello-app:2.0", 2));
        Assert.Equal(PodVerdict.Done, UpdateCompletion.Check(seen, Baseline, "gcr.io/google-samples/hello-app:2.0", 2));
    }
}
