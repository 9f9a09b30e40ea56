using Surge.Contracts.Nodes;
using Surge.Provisioner.NetworkInterfaces;

namespace Surge.Provisioner.Tests.NetworkInterfaces;

public sealed class NetworkInterfaceDeciderTests
{
    private static readonly DateTimeOffset Now = new(2026, 5, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Earlier = Now.AddSeconds(-10);
    private static readonly TimeSpan Latency = TimeSpan.FromSeconds(5);

    private static readonly RequestInterfaceAttach Request = new("public-a", "public-cloud-feed-1", "eni-2", MaxPerNode: 8, InUseOnNode: 1, NodeProblem: null, Latency);
    private static readonly InterfaceAttachRequested Requested = new("public-a", "public-cloud-feed-1", "eni-2", Earlier, Earlier + Latency);
    private static readonly InterfaceAttached Attached = new("public-cloud-feed-1", "eni-2", Earlier + Latency);
    private static readonly InterfaceAttachFailed Failed = new("public-cloud-feed-1", "eni-2", "limit reached", Earlier);
    private static readonly CompleteInterfaceAttach Complete = new("public-cloud-feed-1", "eni-2");

    private static NetworkInterfaceState Given(params object[] events) => NetworkInterfaceDecider.Fold(NetworkInterfaceState.Initial, events);

    private static IReadOnlyList<object> Decide(object[] given, NetworkInterfaceCommand when) =>
        NetworkInterfaceDecider.Decide(Given(given), when, Now);

    [Fact]
    public void Request_NewInterface_RecordsRequestDueAfterLatency()
    {
        var events = Decide([], Request);

        Assert.Equal([new InterfaceAttachRequested("public-a", "public-cloud-feed-1", "eni-2", Now, Now + Latency)], events);
    }

    [Fact]
    public void Request_NewInterface_IsAttaching()
    {
        var state = NetworkInterfaceDecider.Fold(NetworkInterfaceState.Initial, Decide([], Request));

        Assert.Equal(NetworkInterfaceStatus.Attaching, state.Status);
        Assert.Equal(Now + Latency, state.AttachDueAt);
        Assert.Null(NetworkInterfaceReplies.For(state));
    }

    [Fact]
    public void Request_LastFreeInterface_IsAttaching()
    {
        var events = Decide([], Request with { InUseOnNode = 7 });

        Assert.IsType<InterfaceAttachRequested>(Assert.Single(events));
    }

    [Theory]
    [InlineData(8, 8)]
    [InlineData(9, 8)]
    [InlineData(0, 0)]
    public void Request_OverMaxPerNode_RecordsRequestAndFailure(int inUse, int maxPerNode)
    {
        var events = Decide([], Request with { InUseOnNode = inUse, MaxPerNode = maxPerNode });

        Assert.Equal(2, events.Count);
        Assert.Equal(new InterfaceAttachRequested("public-a", "public-cloud-feed-1", "eni-2", Now, Now), events[0]);
        var failed = Assert.IsType<InterfaceAttachFailed>(events[1]);
        Assert.Equal(Now, failed.FailedAt);
        Assert.Contains($"has {inUse} network interfaces attached or attaching and may have at most {maxPerNode}", failed.Reason, StringComparison.Ordinal);
        Assert.Contains("SimulatedDataCentre:NetworkInterfaces:MaxPerNode", failed.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Request_OverMaxPerNode_RepliesFailure()
    {
        var state = Given([.. Decide([], Request with { InUseOnNode = 8 })]);

        var reply = Assert.IsType<NetworkInterfaceAttachFailed>(NetworkInterfaceReplies.For(state));
        Assert.Equal("public-a", reply.Subnet);
        Assert.Equal("public-cloud-feed-1", reply.Node);
        Assert.Equal("eni-2", reply.InterfaceId);
        Assert.Equal(state.FailureReason, reply.Reason);
    }

    [Fact]
    public void Request_NodeProblem_FailsWithThatReason()
    {
        var events = Decide([], Request with { NodeProblem = "Node public-cloud-feed-1 was released." });

        var failed = Assert.IsType<InterfaceAttachFailed>(events[^1]);
        Assert.Equal("Node public-cloud-feed-1 was released.", failed.Reason);
    }

    [Theory]
    [MemberData(nameof(KnownInterfaces))]
    public void Request_KnownInterface_RecordsNothing(object[] given)
    {
        Assert.Empty(Decide(given, Request));
    }

    [Fact]
    public void Request_KnownInterfaceOverMax_RecordsNothing()
    {
        // The repeat of an attached interface must not fail it because the interface itself now fills the node.
        Assert.Empty(Decide([Requested, Attached], Request with { InUseOnNode = 8 }));
    }

    [Fact]
    public void Complete_AttachingInterface_RecordsAttached()
    {
        var events = Decide([Requested], Complete);

        Assert.Equal([new InterfaceAttached("public-cloud-feed-1", "eni-2", Now)], events);
    }

    [Fact]
    public void Complete_NodeGoneMeanwhile_RecordsFailure()
    {
        var events = Decide([Requested], Complete with { NodeProblem = "Node public-cloud-feed-1 was released." });

        Assert.Equal([new InterfaceAttachFailed("public-cloud-feed-1", "eni-2", "Node public-cloud-feed-1 was released.", Now)], events);
    }

    [Fact]
    public void Complete_NodeGoneMeanwhile_RepliesFailure()
    {
        var before = Given(Requested);
        var after = NetworkInterfaceDecider.Fold(before, Decide([Requested], Complete with { NodeProblem = "released" }));

        var reply = Assert.IsType<NetworkInterfaceAttachFailed>(NetworkInterfaceReplies.OnFinish(before, after));
        Assert.Equal("released", reply.Reason);
    }

    [Theory]
    [MemberData(nameof(FinishedInterfaces))]
    public void Complete_FinishedInterface_RecordsNothing(object[] given)
    {
        Assert.Empty(Decide(given, Complete));
    }

    [Fact]
    public void Complete_UnknownInterface_RecordsNothing()
    {
        Assert.Empty(Decide([], Complete));
    }

    [Fact]
    public void Replies_AttachedInterface_ReportsAttachTime()
    {
        var reply = NetworkInterfaceReplies.For(Given(Requested, Attached));

        Assert.Equal(new NetworkInterfaceAttached("public-a", "public-cloud-feed-1", "eni-2", Earlier + Latency), reply);
    }

    [Fact]
    public void OnFinish_Attach_RepliesOnce()
    {
        var attaching = Given(Requested);
        var attached = Given(Requested, Attached);

        Assert.IsType<NetworkInterfaceAttached>(NetworkInterfaceReplies.OnFinish(attaching, attached));
        Assert.Null(NetworkInterfaceReplies.OnFinish(attached, attached));
    }

    [Fact]
    public void OnFinish_StillAttaching_RepliesNothing()
    {
        Assert.Null(NetworkInterfaceReplies.OnFinish(NetworkInterfaceState.Initial, Given(Requested)));
    }

    [Fact]
    public void Evolve_Failure_KeepsRequestFields()
    {
        var state = Given(Requested, Failed);

        Assert.Equal(NetworkInterfaceStatus.Failed, state.Status);
        Assert.Equal("public-a", state.Subnet);
        Assert.Equal("limit reached", state.FailureReason);
    }

    [Fact]
    public void Evolve_UnknownEvent_KeepsState()
    {
        var state = Given(Requested);

        Assert.Same(state, NetworkInterfaceDecider.Evolve(state, "not an event"));
    }

    public static TheoryData<object[]> KnownInterfaces() => new()
    {
        new object[] { Requested },
        new object[] { Requested, Attached },
        new object[] { Requested, Failed },
    };

    public static TheoryData<object[]> FinishedInterfaces() => new()
    {
        new object[] { Requested, Attached },
        new object[] { Requested, Failed },
    };
}
