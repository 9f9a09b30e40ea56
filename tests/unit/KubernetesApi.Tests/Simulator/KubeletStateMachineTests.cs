using Surge.Simulators.KubernetesApi.Kubelet;

namespace Surge.KubernetesApi.Tests.Simulator;

public class KubeletStateMachineTests
{
    private static readonly DateTimeOffset Now = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static int ids;

    private static string Digest(string image) => image switch
    {
        "app:1" or "app:1-retag" => "sha256:" + new string('a', 64),
        _ => "sha256:" + new string('b', 64),
    };

    private static string NewId() => $"docker://{Interlocked.Increment(ref ids):x64}";

    private static PodRuntime RunToEnd(PodRuntime pod)
    {
        while (KubeletStateMachine.Next(pod) is { } step)
        {
            pod = KubeletStateMachine.Apply(pod, step, NewId, Now);
        }

        return pod;
    }

    [Fact]
    public void Apply_BoundPod_PassesSandboxPullReadiness()
    {
        var pod = KubeletStateMachine.Admit([new ContainerSpec("app", "app:1")], 1, Digest, Now);
        var steps = new List<KubeletStep>();
        while (KubeletStateMachine.Next(pod) is { } step)
        {
            steps.Add(step);
            pod = KubeletStateMachine.Apply(pod, step, NewId, Now);
        }

        Assert.Equal([KubeletStep.CreateSandbox, KubeletStep.StartContainers, KubeletStep.MarkReady], steps);
        var container = Assert.Single(pod.Containers);
        Assert.Equal(ContainerStage.Ready, container.Stage);
        Assert.Equal("docker-pullable://app@sha256:" + new string('a', 64), container.ImageId);
        Assert.Equal(0, container.RestartCount);
        Assert.True(pod.AllReady);
    }

    [Fact]
    public void ChangeSpec_NewImage_RestartsInPlace()
    {
        var running = RunToEnd(KubeletStateMachine.Admit([new ContainerSpec("app", "app:1")], 1, Digest, Now));
        var before = running.Containers[0];

        var changed = KubeletStateMachine.ChangeSpec(running, [new ContainerSpec("app", "app:2")], 2, Digest, restartOnSameDigest: false);
        var waiting = changed.Containers[0];
        var after = RunToEnd(changed).Containers[0];

        Assert.Equal(ContainerStage.Waiting, waiting.Stage);
        Assert.Null(waiting.ContainerId);
        Assert.Equal(2, changed.ObservedGeneration);
        Assert.True(changed.AllStarted);
        Assert.NotEqual(before.ContainerId, after.ContainerId);
        Assert.Equal(before.ContainerId, after.LastContainerId);
        Assert.Equal(1, after.RestartCount);
        Assert.EndsWith(new string('b', 64), after.ImageId, StringComparison.Ordinal);
    }

    [Fact]
    public void ChangeSpec_SameDigestTag_KeepsContainer()
    {
        var running = RunToEnd(KubeletStateMachine.Admit([new ContainerSpec("app", "app:1")], 1, Digest, Now));

        var changed = KubeletStateMachine.ChangeSpec(running, [new ContainerSpec("app", "app:1-retag")], 2, Digest, restartOnSameDigest: false);

        var container = changed.Containers[0];
        Assert.Null(KubeletStateMachine.Next(changed));
        Assert.Equal("app:1-retag", container.Image);
        Assert.Equal(running.Containers[0].ImageId, container.ImageId);
        Assert.Equal(running.Containers[0].ContainerId, container.ContainerId);
        Assert.Equal(ContainerStage.Ready, container.Stage);
    }

    [Fact]
    public void ChangeSpec_SameDigestTagRestartConfigured_Restarts()
    {
        var running = RunToEnd(KubeletStateMachine.Admit([new ContainerSpec("app", "app:1")], 1, Digest, Now));

        var after = RunToEnd(KubeletStateMachine.ChangeSpec(running, [new ContainerSpec("app", "app:1-retag")], 2, Digest, restartOnSameDigest: true)).Containers[0];

        Assert.Equal(1, after.RestartCount);
        Assert.NotEqual(running.Containers[0].ContainerId, after.ContainerId);
        Assert.Equal(running.Containers[0].ImageId, after.ImageId);
    }

    [Fact]
    public void ChangeSpec_OneImage_RestartsOnlyThatContainer()
    {
        var running = RunToEnd(KubeletStateMachine.Admit([new ContainerSpec("app", "app:1"), new ContainerSpec("log", "log:1")], 1, Digest, Now));

        var after = RunToEnd(KubeletStateMachine.ChangeSpec(running, [new ContainerSpec("app", "app:2"), new ContainerSpec("log", "log:1")], 2, Digest, false));

        Assert.Equal(running.Containers[1], after.Containers[1]);
        Assert.Equal(1, after.Containers[0].RestartCount);
    }
}
