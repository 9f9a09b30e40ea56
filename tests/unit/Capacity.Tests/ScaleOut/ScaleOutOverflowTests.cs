using Surge.Capacity.ScaleOut;
using Surge.Contracts.Addresses;
using Surge.Contracts.Nodes;
using Surge.Contracts.Placement;
using static Surge.Capacity.Tests.ScaleOut.SagaScenario;

namespace Surge.Capacity.Tests.ScaleOut;

/// <summary>
/// When the instances do not fit, a placement decision with an overflow plan makes the saga request nodes from a cloud
/// provider and wait. Only the reply to the latest request counts, and either reply sends placement again. The
/// provisioning deadline fails the saga at the overflow step with nothing to undo.
/// </summary>
public sealed class ScaleOutOverflowTests
{
    private const string NoRoom = "No node in feed-pool has 500 millicores free for 2 of 3 instances.";

    private static readonly Guid FirstRequest = Guid.Parse("0195a000-0000-7000-8000-0000000000c1");
    private static readonly Guid SecondRequest = Guid.Parse("0195a000-0000-7000-8000-0000000000c2");

    private static readonly NodeSize CloudSize = new(16_000, 65_536, 500, 0);

    private static readonly OverflowPlan PrivatePlan = new(FirstRequest, "private-cloud", 2, CloudSize, ["zone-a", "zone-b"], ShortBy: 2);

    private static readonly OverflowPlan PublicPlan = new(SecondRequest, "public-cloud", 1, CloudSize with { DiskGiB = 100 }, ["zone-c"], ShortBy: 2);

    private static readonly DateTimeOffset ProvisioningDeadline = RequestedAt.AddMinutes(1);

    private static OverflowNodesRequested PrivateRequested { get; } = new(
        FirstRequest, "private-cloud", 2, CloudSize, ["zone-a", "zone-b"], 2, NoRoom, RequestedAt, ProvisioningDeadline);

    private static OverflowNodesRequested PublicRequested { get; } = new(
        SecondRequest, "public-cloud", 1, CloudSize with { DiskGiB = 100 }, ["zone-c"], 2, NoRoom, RequestedAt, ProvisioningDeadline);

    private static OverflowNodesUnavailable PrivateUnavailable { get; } = new(FirstRequest, "private-cloud", "quota exceeded", RequestedAt, PlacementDeadline);

    private static NodesProvisioned Provisioned(Guid requestId, string provider, params string[] names) =>
        new(SagaId, requestId, provider, "feed-pool", [.. names.Select((name, i) => new ProvisionedNode(name, $"zone-{(char)('a' + i)}", "cloud-rack", RequestedAt))]);

    [Fact]
    public void Decide_PlacementFailedWithPlan_RequestsOverflowNodes()
    {
        var state = Given(Requested);

        var step = When(state, PlacementDecision.Failed(NoRoom, PrivatePlan));

        Assert.Equal(
            Describe([new OverflowNodesRequested(FirstRequest, "private-cloud", 2, CloudSize, ["zone-a", "zone-b"], 2, NoRoom, Now, Now + Options.NodeProvisioningTimeout)]),
            Describe(step.Events));
        Assert.Equal(
            Describe([new ProvisionNodes(SagaId, FirstRequest, "private-cloud", "feed-pool", 2, CloudSize, ["zone-a", "zone-b"])]),
            Describe(step.Messages));
        Assert.Equal(ScaleOutStatus.ProvisioningNodes, step.State.Status);
        Assert.Equal(Now + Options.NodeProvisioningTimeout, step.State.Deadline);
        Assert.Null(step.State.FailedStep);
        Assert.Empty(step.State.Instances);
    }

    [Fact]
    public void Decide_PlacementFailedWithPlan_RecordsWaitingAttempt()
    {
        var state = Given(Requested);

        var step = When(state, PlacementDecision.Failed(NoRoom, PrivatePlan));

        var attempt = Assert.Single(step.State.Overflow);
        Assert.Equal(FirstRequest, attempt.RequestId);
        Assert.Equal("private-cloud", attempt.Provider);
        Assert.Equal(CloudSize, attempt.Size);
        Assert.Empty(attempt.Nodes);
        Assert.Null(attempt.Failure);
    }

    [Fact]
    public void Decide_PlacementFailedWithoutPlan_FailsAtPlacement()
    {
        var state = Given(Requested);

        var step = When(state, PlacementDecision.Failed(NoRoom));

        Assert.Equal(
            Describe([new PlacementFailed(NoRoom, Now), new ScaleOutFailed("placement", NoRoom, Now), new ScaleOutCompensated(Now)]),
            Describe(step.Events));
        Assert.Empty(step.Messages);
        Assert.Empty(step.State.Overflow);
    }

    [Fact]
    public void Decide_ProvisioningTimeoutFromOptions_SetsDeadline()
    {
        var options = new SagaOptions { NodeProvisioningTimeout = TimeSpan.FromSeconds(42), PlacementTimeout = TimeSpan.FromSeconds(7) };

        var asked = When(Given(Requested), PlacementDecision.Failed(NoRoom, PrivatePlan), Now, options);
        var joined = When(asked.State, Provisioned(FirstRequest, "private-cloud", "cloud-1"), Now, options);

        Assert.Equal(Now.AddSeconds(42), asked.State.Deadline);
        Assert.Equal(Now.AddSeconds(42), Assert.IsType<OverflowNodesRequested>(Assert.Single(asked.Events)).Deadline);
        Assert.Equal(Now.AddSeconds(7), joined.State.Deadline);
    }

    [Fact]
    public void Decide_AwaitedNodesProvisioned_PlacesAgain()
    {
        var state = Given(Requested, PrivateRequested);

        var step = When(state, Provisioned(FirstRequest, "private-cloud", "cloud-1", "cloud-2"));

        Assert.Equal(
            Describe([new OverflowNodesJoined(FirstRequest, "private-cloud", ["cloud-1", "cloud-2"], Now, Now + Options.PlacementTimeout)]),
            Describe(step.Events));
        Assert.Equal(Describe([new PlaceInstances(SagaId)]), Describe(step.Messages));
        Assert.Equal(ScaleOutStatus.Requested, step.State.Status);
        Assert.Equal(Now + Options.PlacementTimeout, step.State.Deadline);
        var attempt = Assert.Single(step.State.Overflow);
        Assert.Equal(["cloud-1", "cloud-2"], attempt.Nodes);
        Assert.Null(attempt.Failure);
    }

    [Fact]
    public void Decide_AwaitedProvisioningFailed_PlacesAgain()
    {
        var state = Given(Requested, PrivateRequested);

        var step = When(state, new NodeProvisioningFailed(SagaId, FirstRequest, "private-cloud", "quota exceeded"));

        Assert.Equal(
            Describe([new OverflowNodesUnavailable(FirstRequest, "private-cloud", "quota exceeded", Now, Now + Options.PlacementTimeout)]),
            Describe(step.Events));
        Assert.Equal(Describe([new PlaceInstances(SagaId)]), Describe(step.Messages));
        Assert.Equal(ScaleOutStatus.Requested, step.State.Status);
        Assert.Equal(Now + Options.PlacementTimeout, step.State.Deadline);
        var attempt = Assert.Single(step.State.Overflow);
        Assert.Equal("quota exceeded", attempt.Failure);
        Assert.Empty(attempt.Nodes);
    }

    [Fact]
    public void Decide_SecondPlanAfterUnavailable_AsksNextProvider()
    {
        var state = Given(Requested, PrivateRequested, PrivateUnavailable);

        var step = When(state, PlacementDecision.Failed(NoRoom, PublicPlan));

        Assert.Equal(
            Describe([new ProvisionNodes(SagaId, SecondRequest, "public-cloud", "feed-pool", 1, CloudSize with { DiskGiB = 100 }, ["zone-c"])]),
            Describe(step.Messages));
        Assert.Equal(ScaleOutStatus.ProvisioningNodes, step.State.Status);
        Assert.Equal([FirstRequest, SecondRequest], step.State.Overflow.Select(a => a.RequestId));
        Assert.Equal(["quota exceeded", null], step.State.Overflow.Select(a => a.Failure));
    }

    [Fact]
    public void Decide_ReplyToEarlierRequest_RecordsNothing()
    {
        var state = Given(Requested, PrivateRequested, PrivateUnavailable, PublicRequested);

        var joined = When(state, Provisioned(FirstRequest, "private-cloud", "cloud-late"));
        var failed = When(state, new NodeProvisioningFailed(SagaId, FirstRequest, "private-cloud", "still no quota"));

        Assert.Empty(joined.Events);
        Assert.Empty(joined.Messages);
        Assert.Empty(failed.Events);
        Assert.Empty(failed.Messages);
        Assert.Equal(ScaleOutStatus.ProvisioningNodes, joined.State.Status);
    }

    [Fact]
    public void Decide_ReplyToLatestOfTwoRequests_Joins()
    {
        var state = Given(Requested, PrivateRequested, PrivateUnavailable, PublicRequested);

        var step = When(state, Provisioned(SecondRequest, "public-cloud", "public-1"));

        Assert.Equal([typeof(OverflowNodesJoined)], step.Events.Select(e => e.GetType()));
        Assert.Equal([typeof(PlaceInstances)], step.Messages.Select(m => m.GetType()));
        Assert.Equal(["", "public-1"], step.State.Overflow.Select(a => string.Join(",", a.Nodes)));
        Assert.Equal(["quota exceeded", null], step.State.Overflow.Select(a => a.Failure));
    }

    public static TheoryData<string, object[], object> UnawaitedReplies() => new()
    {
        { "provisioned without a request", [Requested], Provisioned(FirstRequest, "private-cloud", "cloud-1") },
        { "failure without a request", [Requested], new NodeProvisioningFailed(SagaId, FirstRequest, "private-cloud", "quota exceeded") },
        { "unknown request id", [Requested, PrivateRequested], Provisioned(Stranger, "private-cloud", "cloud-1") },
        { "provisioned twice", [Requested, PrivateRequested, new OverflowNodesJoined(FirstRequest, "private-cloud", ["cloud-1"], RequestedAt, PlacementDeadline)], Provisioned(FirstRequest, "private-cloud", "cloud-1") },
        { "failure after the nodes joined", [Requested, PrivateRequested, new OverflowNodesJoined(FirstRequest, "private-cloud", ["cloud-1"], RequestedAt, PlacementDeadline)], new NodeProvisioningFailed(SagaId, FirstRequest, "private-cloud", "late") },
        { "provisioned after the saga failed", [Requested, PrivateRequested, new ScaleOutFailed("overflow", "timed out", RequestedAt), new ScaleOutCompensated(RequestedAt)], Provisioned(FirstRequest, "private-cloud", "cloud-1") },
        { "provisioned after the saga was cancelled", [Requested, PrivateRequested, new ScaleOutCancelled("operator", RequestedAt), new ScaleOutCompensated(RequestedAt)], Provisioned(FirstRequest, "private-cloud", "cloud-1") },
    };

    [Theory]
    [MemberData(nameof(UnawaitedReplies))]
    public void Decide_ReplyNotAwaited_RecordsNothing(string scenario, object[] history, object reply)
    {
        var state = Given(history);

        var step = When(state, reply);

        Assert.True(step.Events.Count == 0, $"{scenario}: expected no events, got {string.Join(", ", Describe(step.Events))}");
        Assert.Empty(step.Messages);
        Assert.Equal(state, step.State);
    }

    [Fact]
    public void Decide_PlacementWhileProvisioning_RecordsNothing()
    {
        var state = Given(Requested, PrivateRequested);

        var placed = When(state, PlacementDecision.Placed(Placements));
        var overflowAgain = When(state, PlacementDecision.Failed(NoRoom, PublicPlan));

        Assert.Empty(placed.Events);
        Assert.Empty(overflowAgain.Events);
        Assert.Single(overflowAgain.State.Overflow);
    }

    [Fact]
    public void Decide_ProvisioningDeadlinePassed_FailsAtOverflow()
    {
        var state = Given(Requested, PrivateRequested);

        var step = When(state, new DeadlinePassed(ProvisioningDeadline));

        var reason = $"Step 'overflow' passed its deadline {ProvisioningDeadline:O} without an answer.";
        Assert.Equal(
            Describe([new StepTimedOut("overflow", ProvisioningDeadline, Now), new ScaleOutFailed("overflow", reason, Now), new ScaleOutCompensated(Now)]),
            Describe(step.Events));
        Assert.Empty(step.Messages);
        Assert.Equal(ScaleOutStatus.Failed, step.State.Status);
        Assert.Equal("overflow", step.State.FailedStep);
        Assert.Equal(reason, step.State.FailureReason);
        Assert.Empty(step.State.Undo);
        Assert.Null(step.State.Deadline);
    }

    [Fact]
    public void Decide_ProvisioningDeadlineNotYetReached_RecordsNothing()
    {
        var state = Given(Requested, PrivateRequested);

        var step = When(state, new DeadlinePassed(ProvisioningDeadline), ProvisioningDeadline.AddTicks(-1));

        Assert.Empty(step.Events);
        Assert.Equal(ScaleOutStatus.ProvisioningNodes, step.State.Status);
    }

    [Fact]
    public void Decide_PlacementDeadlineWhileProvisioning_RecordsNothing()
    {
        var state = Given(Requested, PrivateRequested);

        var step = When(state, new DeadlinePassed(PlacementDeadline));

        Assert.Empty(step.Events);
        Assert.Equal(ScaleOutStatus.ProvisioningNodes, step.State.Status);
    }

    [Fact]
    public void Decide_ProvisioningDeadlineAfterJoin_RecordsNothing()
    {
        var state = Given(Requested, PrivateRequested, new OverflowNodesJoined(FirstRequest, "private-cloud", ["cloud-1"], RequestedAt, PlacementDeadline));

        var step = When(state, new DeadlinePassed(ProvisioningDeadline));

        Assert.Empty(step.Events);
        Assert.Equal(ScaleOutStatus.Requested, step.State.Status);
    }

    [Fact]
    public void Decide_PlacementDeadlineAfterJoin_FailsAtPlacement()
    {
        var state = Given(Requested, PrivateRequested, new OverflowNodesJoined(FirstRequest, "private-cloud", ["cloud-1"], RequestedAt, PlacementDeadline));

        var step = When(state, new DeadlinePassed(PlacementDeadline));

        Assert.Equal([typeof(StepTimedOut), typeof(ScaleOutFailed), typeof(ScaleOutCompensated)], step.Events.Select(e => e.GetType()));
        Assert.Equal("placement", Assert.IsType<StepTimedOut>(step.Events[0]).Step);
        Assert.Equal("placement", step.State.FailedStep);
    }

    [Fact]
    public void Decide_CancelWhileProvisioning_CancelsWithoutUndo()
    {
        var state = Given(Requested, PrivateRequested);

        var step = When(state, new CancelSaga("operator stopped it"));

        Assert.Equal(Describe([new ScaleOutCancelled("operator stopped it", Now), new ScaleOutCompensated(Now)]), Describe(step.Events));
        Assert.Empty(step.Messages);
        Assert.Equal(ScaleOutStatus.Cancelled, step.State.Status);
        Assert.Equal("cancel", step.State.FailedStep);
    }

    [Fact]
    public void Decide_OverflowStepFaulted_FailsAtOverflow()
    {
        var state = Given(Requested, PrivateRequested);

        var atOverflow = When(state, new StepFaulted("overflow", "provisioner crashed"));
        var atPlacement = When(state, new StepFaulted("placement", "scheduler crashed"));

        Assert.Equal(
            Describe([new ScaleOutFailed("overflow", "provisioner crashed", Now), new ScaleOutCompensated(Now)]),
            Describe(atOverflow.Events));
        Assert.Empty(atPlacement.Events);
    }

    [Fact]
    public void UndoStepsFor_ProvisioningNodes_IsEmpty()
    {
        var state = Given(Requested, PrivateRequested);

        Assert.Empty(ScaleOutDecider.UndoStepsFor(state));
    }

    [Fact]
    public void Decide_PlacedAfterJoin_KeepsAttempts()
    {
        var state = Given(Requested, PrivateRequested, new OverflowNodesJoined(FirstRequest, "private-cloud", ["cloud-1"], RequestedAt, PlacementDeadline));

        var step = When(state, PlacementDecision.Placed(Placements));

        Assert.Equal([typeof(InstancesPlaced)], step.Events.Select(e => e.GetType()));
        Assert.Equal([typeof(AllocateAddresses)], step.Messages.Select(m => m.GetType()));
        Assert.Equal(ScaleOutStatus.AllocatingAddresses, step.State.Status);
        Assert.Equal(["cloud-1"], Assert.Single(step.State.Overflow).Nodes);
    }

    [Fact]
    public void Decide_OverflowThenHappyPath_SendsCommandsInOrder()
    {
        var state = Given(Requested);
        var sent = new List<object>(ScaleOutReactions.For(Requested, state));
        object[] replies =
        [
            PlacementDecision.Failed(NoRoom, PrivatePlan),
            new NodeProvisioningFailed(SagaId, FirstRequest, "private-cloud", "quota exceeded"),
            PlacementDecision.Failed(NoRoom, PublicPlan),
            Provisioned(SecondRequest, "public-cloud", "public-1"),
            PlacementDecision.Placed(Placements),
            new AddressesAllocated(SagaId, Assignments),
            Started(First),
            Started(Second),
            Started(Third),
            new Surge.Contracts.Backends.BackendsRegistered(SagaId, "feed-api", [First, Second, Third]),
        ];

        foreach (var step in WhenEach(state, replies))
        {
            sent.AddRange(step.Messages);
            state = step.State;
        }

        Assert.Equal(
            [
                typeof(PlaceInstances), typeof(ProvisionNodes), typeof(PlaceInstances), typeof(ProvisionNodes), typeof(PlaceInstances),
                typeof(AllocateAddresses), typeof(Surge.Contracts.Instances.StartInstances), typeof(Surge.Contracts.Backends.RegisterBackends),
            ],
            sent.Select(message => message.GetType()));
        Assert.Equal(ScaleOutStatus.Completed, state.Status);
        Assert.Equal(["private-cloud", "public-cloud"], state.Overflow.Select(a => a.Provider));
    }
}
