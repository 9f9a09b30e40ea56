using Surge.Contracts.Nodes;
using Surge.Provisioner.CloudNodes;

namespace Surge.Provisioner.Tests.CloudNodes;

public sealed class CloudNodeDeciderTests
{
    private static readonly Guid RequestId = Guid.Parse("0196a3b2-7c4d-7e5f-8a9b-0c1d2e3f4a5b");
    private static readonly Guid SagaId = Guid.Parse("7f1c9a20-8e3b-4f6d-b2a1-0c9d8e7f6a5b");
    private static readonly Guid ReleaseId = Guid.Parse("5a4b3c2d-1e0f-4a9b-8c7d-6e5f4a3b2c1d");
    private static readonly DateTimeOffset Now = new(2026, 5, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Earlier = Now.AddMinutes(-1);

    private const string Node1 = "private-cloud-web-0c1d2e3f4a5b-1";
    private const string Node2 = "private-cloud-web-0c1d2e3f4a5b-2";

    private static readonly RequestCloudNodes Request = new(
        RequestId, SagaId, "private-cloud", "web", 2, 4000, 8192, 100, 0, ["zone-a", "zone-b"], MaxNodes: 10, NodesInUse: 3, NamesTaken: []);

    private static readonly CloudNodesRequested Requested = new(
        RequestId,
        SagaId,
        "private-cloud",
        "web",
        4000,
        8192,
        100,
        0,
        [new PlannedNode(Node1, "zone-a", "private-cloud-rack-1"), new PlannedNode(Node2, "zone-b", "private-cloud-rack-2")],
        Earlier);

    private static CloudNodeRequestState Given(params object[] events) => CloudNodeDecider.Fold(CloudNodeRequestState.Initial, events);

    private static IReadOnlyList<object> Decide(object[] given, CloudNodeCommand when) => CloudNodeDecider.Decide(Given(given), when, Now);

    [Fact]
    public void Request_New_RecordsPlannedNodes()
    {
        var events = Decide([], Request);

        var requested = Assert.IsType<CloudNodesRequested>(Assert.Single(events));
        Assert.Equal(Requested.Nodes, requested.Nodes);
        Assert.Equal(Now, requested.RequestedAt);
        Assert.Equal(SagaId, requested.SagaId);
        Assert.Equal(4000, requested.CpuMillicores);
    }

    [Fact]
    public void Request_Repeated_CausesNothing()
    {
        Assert.Empty(Decide([Requested], Request));
    }

    [Fact]
    public void Request_OverQuota_RecordsFailureAndNoNodes()
    {
        var events = Decide([], Request with { MaxNodes = 4, NodesInUse = 3 });

        Assert.Equal(2, events.Count);
        Assert.Empty(Assert.IsType<CloudNodesRequested>(events[0]).Nodes);
        var failed = Assert.IsType<CloudNodesFailed>(events[1]);
        Assert.Empty(failed.RemovedNodes);
        Assert.Contains("private-cloud has a quota of 4 nodes and 3 are in use", failed.Reason, StringComparison.Ordinal);

        var state = Given([.. events]);
        Assert.Equal(CloudNodeRequestStatus.Failed, state.Status);
        Assert.DoesNotContain(state.Nodes, node => node.Status is CloudNodeStatus.Pending or CloudNodeStatus.Live);
    }

    [Fact]
    public void Request_UnknownProvider_Fails()
    {
        var events = Decide([], Request with { Provider = "pubic-cloud", MaxNodes = null });

        var failed = Assert.IsType<CloudNodesFailed>(events[1]);
        Assert.Contains("Provider pubic-cloud does not exist", failed.Reason, StringComparison.Ordinal);
        Assert.Empty(Assert.IsType<CloudNodesRequested>(events[0]).Nodes);
    }

    [Fact]
    public void Request_InvalidFields_ListsEveryProblem()
    {
        var events = Decide([], Request with { Pool = " ", Count = 0, Zones = [], DiskGiB = 0 });

        var failed = Assert.IsType<CloudNodesFailed>(events[1]);
        Assert.Contains("the pool name is empty", failed.Reason, StringComparison.Ordinal);
        Assert.Contains("the count is 0", failed.Reason, StringComparison.Ordinal);
        Assert.Contains("the zone list is empty", failed.Reason, StringComparison.Ordinal);
        Assert.Contains("0 GiB disk", failed.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Request_BlankZone_Fails()
    {
        var events = Decide([], Request with { Zones = ["zone-a", ""] });

        Assert.Contains("a zone name is empty", Assert.IsType<CloudNodesFailed>(events[1]).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Request_NameTakenByOtherRequest_Fails()
    {
        var events = Decide([], Request with { NamesTaken = [Node2] });

        var failed = Assert.IsType<CloudNodesFailed>(events[1]);
        Assert.Contains(Node2, failed.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain(Node1, failed.Reason, StringComparison.Ordinal);

        // Planning the clashing name would replace the other request's node view.
        Assert.Empty(Assert.IsType<CloudNodesRequested>(events[0]).Nodes);
    }

    [Fact]
    public void Complete_PendingNode_RecordsJoin()
    {
        var events = Decide([Requested], new CompleteCloudNode(RequestId, Node1));

        Assert.Equal(new CloudNodeCreated(RequestId, Node1, Now), Assert.Single(events));
    }

    [Fact]
    public void Complete_SameNodeTwice_RecordsOnce()
    {
        Assert.Empty(Decide([Requested, new CloudNodeCreated(RequestId, Node1, Earlier)], new CompleteCloudNode(RequestId, Node1)));
    }

    [Fact]
    public void Complete_LastNode_ProvisionsRequest()
    {
        var state = Given(Requested, new CloudNodeCreated(RequestId, Node1, Earlier));
        Assert.Equal(CloudNodeRequestStatus.Requested, state.Status);

        state = CloudNodeDecider.Evolve(state, new CloudNodeCreated(RequestId, Node2, Now));

        Assert.Equal(CloudNodeRequestStatus.Provisioned, state.Status);
        Assert.All(state.Nodes, node => Assert.Equal(CloudNodeStatus.Live, node.Status));
    }

    [Fact]
    public void Complete_AfterFailure_CausesNothing()
    {
        var failed = new CloudNodesFailed(RequestId, "boom", [Node1, Node2], Earlier);

        Assert.Empty(Decide([Requested, failed], new CompleteCloudNode(RequestId, Node2)));
    }

    [Fact]
    public void Fail_RemovesCreatedAndPendingNodes()
    {
        var events = Decide([Requested, new CloudNodeCreated(RequestId, Node1, Earlier)], new FailCloudNodes(RequestId, "Boot failed"));

        var failed = Assert.IsType<CloudNodesFailed>(Assert.Single(events));
        Assert.Equal([Node1, Node2], failed.RemovedNodes);

        var state = Given(Requested, new CloudNodeCreated(RequestId, Node1, Earlier), failed);
        Assert.Equal(CloudNodeRequestStatus.Failed, state.Status);
        Assert.All(state.Nodes, node => Assert.Equal(CloudNodeStatus.Removed, node.Status));
    }

    [Fact]
    public void Fail_ProvisionedRequest_CausesNothing()
    {
        var given = new object[] { Requested, new CloudNodeCreated(RequestId, Node1, Earlier), new CloudNodeCreated(RequestId, Node2, Earlier) };

        Assert.Empty(Decide(given, new FailCloudNodes(RequestId, "late")));
    }

    [Fact]
    public void Release_LiveNode_RecordsOnlyKnownNames()
    {
        var given = new object[] { Requested, new CloudNodeCreated(RequestId, Node1, Earlier), new CloudNodeCreated(RequestId, Node2, Earlier) };

        var events = Decide(given, new ReleaseCloudNodes(RequestId, [Node1, "other-node"], ReleaseId));

        var released = Assert.IsType<CloudNodesReleased>(Assert.Single(events));
        Assert.Equal([Node1], released.Nodes);
        Assert.Equal(ReleaseId, released.ReleaseRequestId);
        Assert.Equal(Now, released.ReleasedAt);
    }

    [Fact]
    public void Release_AlreadyReleased_CausesNothing()
    {
        var given = new object[] { Requested, new CloudNodeCreated(RequestId, Node1, Earlier), new CloudNodesReleased(RequestId, [Node1], ReleaseId, Earlier) };

        Assert.Empty(Decide(given, new ReleaseCloudNodes(RequestId, [Node1], ReleaseId)));
    }

    [Fact]
    public void Release_LastPendingNode_ProvisionsRequest()
    {
        var state = Given(Requested, new CloudNodeCreated(RequestId, Node1, Earlier), new CloudNodesReleased(RequestId, [Node2], ReleaseId, Now));

        Assert.Equal(CloudNodeRequestStatus.Provisioned, state.Status);
        var reply = Assert.IsType<NodesProvisioned>(CloudNodeReplies.For(state));
        Assert.Equal([Node1], reply.Nodes.Select(node => node.Name));
    }

    [Fact]
    public void Reply_Provisioned_CarriesZonesRacksAndJoinTimes()
    {
        var state = Given(Requested, new CloudNodeCreated(RequestId, Node1, Earlier), new CloudNodeCreated(RequestId, Node2, Now));

        var reply = Assert.IsType<NodesProvisioned>(CloudNodeReplies.For(state));

        Assert.Equal(SagaId, reply.SagaId);
        Assert.Equal(RequestId, reply.RequestId);
        Assert.Equal("private-cloud", reply.Provider);
        Assert.Equal("web", reply.Pool);
        Assert.Equal(
            [new ProvisionedNode(Node1, "zone-a", "private-cloud-rack-1", Earlier), new ProvisionedNode(Node2, "zone-b", "private-cloud-rack-2", Now)],
            reply.Nodes);
    }

    [Fact]
    public void Reply_Failed_CarriesReason()
    {
        var state = Given(Requested, new CloudNodesFailed(RequestId, "injected failure: Boot", [Node1, Node2], Now));

        var reply = Assert.IsType<NodeProvisioningFailed>(CloudNodeReplies.For(state));

        Assert.Equal(new NodeProvisioningFailed(SagaId, RequestId, "private-cloud", "injected failure: Boot"), reply);
    }

    [Fact]
    public void Reply_InProgress_IsNone()
    {
        Assert.Null(CloudNodeReplies.For(Given(Requested, new CloudNodeCreated(RequestId, Node1, Earlier))));
        Assert.Null(CloudNodeReplies.For(CloudNodeRequestState.Initial));
    }

    [Fact]
    public void OnFinish_OnlyTheFinishingStepReplies()
    {
        var inProgress = Given(Requested, new CloudNodeCreated(RequestId, Node1, Earlier));
        var provisioned = CloudNodeDecider.Evolve(inProgress, new CloudNodeCreated(RequestId, Node2, Now));
        var released = CloudNodeDecider.Evolve(provisioned, new CloudNodesReleased(RequestId, [Node1], ReleaseId, Now));

        Assert.IsType<NodesProvisioned>(CloudNodeReplies.OnFinish(inProgress, provisioned));
        Assert.Null(CloudNodeReplies.OnFinish(provisioned, released));
    }
}
