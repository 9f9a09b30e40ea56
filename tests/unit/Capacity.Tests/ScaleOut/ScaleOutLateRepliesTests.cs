using Surge.Capacity.ScaleOut;
using Surge.Contracts.Addresses;
using Surge.Contracts.Backends;
using Surge.Contracts.Instances;
using Surge.Contracts.Placement;
using static Surge.Capacity.Tests.ScaleOut.SagaScenario;

namespace Surge.Capacity.Tests.ScaleOut;

/// <summary>Duplicates and replies to steps the saga has already passed: each gives no events and sends nothing.</summary>
public sealed class ScaleOutLateRepliesTests
{
    private static ScaleOutState Completed() => Given(
        [.. UpToRegistering(), new BackendsAdded([First, Second, Third], RequestedAt), new ScaleOutCompleted(3, RequestedAt)]);

    public static TheoryData<string, object[], object> NoOpCases() => new()
    {
        { "second placement", [Requested, Placed], PlacementDecision.Placed(Placements) },
        { "placement failure after placement", [Requested, Placed], PlacementDecision.Failed("no room") },
        { "addresses twice", [Requested, Placed, Assigned], new AddressesAllocated(SagaId, Assignments) },
        { "addresses after saga moved on", [Requested, Placed, Assigned, Ready(First), Ready(Second), Ready(Third)], new AddressesAllocated(SagaId, Assignments) },
        { "addresses before placement", [Requested], new AddressesAllocated(SagaId, Assignments) },
        { "address rejection after assignment", [Requested, Placed, Assigned], new AddressAllocationRejected(SagaId, "subnet full") },
        { "second start of one instance", [Requested, Placed, Assigned, Ready(First)], Started(First) },
        { "start of unknown instance", [Requested, Placed, Assigned], Started(Stranger) },
        { "start before addresses", [Requested, Placed], Started(First) },
        { "start failure of unknown instance", [Requested, Placed, Assigned], new InstanceStartFailed(SagaId, Stranger, "boom") },
        { "start failure after every instance is ready", [Requested, Placed, Assigned, Ready(First), Ready(Second), Ready(Third)], new InstanceStartFailed(SagaId, First, "boom") },
        { "backends before every instance is ready", [Requested, Placed, Assigned, Ready(First)], new BackendsRegistered(SagaId, "feed-api", [First]) },
        { "backend rejection before registering", [Requested, Placed, Assigned], new BackendRegistrationRejected(SagaId, "pool missing") },
        { "backends before the saga requested them", [Requested, Placed, Assigned, Ready(First), Ready(Second), Ready(Third)], new BackendsRegistered(SagaId, "feed-api", [First, Second, Third]) },
        { "message the saga does not handle", [Requested], new PlaceInstances(SagaId) },
    };

    [Theory]
    [MemberData(nameof(NoOpCases))]
    public void Decide_ReplyNotExpectedNow_RecordsNothing(string scenario, object[] history, object message)
    {
        var state = Given(history);

        var step = When(state, message);

        Assert.True(step.Events.Count == 0, $"{scenario}: expected no events, got {string.Join(", ", Describe(step.Events))}");
        Assert.Empty(step.Messages);
    }

    [Fact]
    public void Decide_RepliesAfterCompletion_RecordNothing()
    {
        var state = Completed();
        object[] replies =
        [
            new BackendsRegistered(SagaId, "feed-api", [First, Second, Third]),
            new BackendRegistrationRejected(SagaId, "late"),
            Started(First),
            Started(Stranger),
            new InstanceStartFailed(SagaId, First, "late"),
            new AddressesAllocated(SagaId, Assignments),
            new AddressAllocationRejected(SagaId, "late"),
            PlacementDecision.Placed(Placements),
            new DeadlinePassed(BackendDeadline),
            new StepFaulted("backends", "late fault"),
            new CancelSaga("too late"),
        ];

        foreach (var reply in replies)
        {
            var step = When(state, reply);

            Assert.True(step.Events.Count == 0, $"{reply.GetType().Name} after completion added {string.Join(", ", Describe(step.Events))}");
            Assert.Empty(step.Messages);
        }
    }

    [Fact]
    public void Decide_RepliesToDeclinedSaga_RecordNothing()
    {
        var state = Given(Requested, new ScaleOutDeclined("feed-api is at its maximum", RequestedAt));

        Assert.Empty(When(state, PlacementDecision.Placed(Placements)).Events);
        Assert.Empty(When(state, Started(First)).Events);
        Assert.Empty(When(state, new AddressesAllocated(SagaId, Assignments)).Events);
    }

    [Fact]
    public void Decide_SameMessageTwice_SecondRecordsNothing()
    {
        var state = Given(Requested, Placed, Assigned, Ready(First), Ready(Second));

        var first = When(state, Started(Third));
        var second = When(first.State, Started(Third));

        Assert.Equal([typeof(InstanceReady), typeof(BackendsRequested)], first.Events.Select(e => e.GetType()));
        Assert.Empty(second.Events);
        Assert.Empty(second.Messages);
    }
}
