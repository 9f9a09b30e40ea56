using Surge.Capacity.ScaleOut;
using Surge.Capacity.ServiceCatalog;
using Surge.Contracts.Addresses;
using Surge.Contracts.Backends;
using Surge.Contracts.Degradation;
using Surge.Contracts.Instances;
using Surge.Contracts.Nodes;
using Surge.Contracts.Placement;
using static Surge.Capacity.Tests.ScaleOut.SagaScenario;

namespace Surge.Capacity.Tests.ScaleOut;

/// <summary>
/// A saga asked to degrade switches degradation on as its first step, or when cloud nodes are expected later than it
/// allows, and off once its new instances serve traffic or as the last undo step of every compensation.
/// </summary>
public sealed class ScaleOutDegradationTests
{
    private static readonly IReadOnlyList<NonCriticalRoute> Routes = [new("/api/recommendations", [])];
    private static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(30);
    private static readonly NodeSize CloudSize = new(16_000, 65_536, 500, 0);
    private static readonly Guid OverflowRequest = Guid.Parse("0195a000-0000-7000-8000-0000000000c1");
    private static readonly Guid[] AllInstances = [First, Second, Third];

    private static ScaleOutRequested Degrading(bool whileScaling = true, TimeSpan? maxTimeToCapacity = null) =>
        Requested with { Degradation = new ScaleOutDegradation(whileScaling, maxTimeToCapacity, Routes, RetryAfter) };

    private static DegradationSwitchOnRequested OnAtStart => (DegradationSwitchOnRequested)ScaleOutDecider.Begin(Degrading())[1];

    private static object[] DegradedUpToRegistering() => [Degrading(), OnAtStart, .. UpToRegistering().Skip(1)];

    private static OverflowPlan Plan(TimeSpan? expected) => new(OverflowRequest, "public-cloud", 1, CloudSize, ["zone-a"], ShortBy: 2, expected);

    private static DegradationSwitched Reply(bool on) => new(SagaId, "feed-api", on, on);

    private static IReadOnlyList<object> Reactions(IReadOnlyList<object> events)
    {
        var messages = new List<object>();
        ScaleOutState? state = null;
        foreach (var e in events)
        {
            state = ScaleOutDecider.Evolve(state, e);
            messages.AddRange(ScaleOutReactions.For(e, state!));
        }

        return messages;
    }

    [Fact]
    public void Begin_WhileScaling_SwitchesOnAsFirstStep()
    {
        var events = ScaleOutDecider.Begin(Degrading());

        Assert.Equal(2, events.Count);
        Assert.IsType<DegradationSwitchOnRequested>(events[1]);
        var messages = Reactions(events);
        var on = Assert.Single(messages.OfType<SwitchDegradation>());
        Assert.Equal(new SwitchDegradation(SagaId, "feed-api", true, Routes, RetryAfter, OnAtStart.Reason), on);
        Assert.Single(messages.OfType<PlaceInstances>());
        Assert.True(Given([.. events]).HoldsDegradation);
    }

    [Fact]
    public void Begin_NotAsked_NoSwitch()
    {
        Assert.Equal([Requested], ScaleOutDecider.Begin(Requested));
        Assert.Empty(Reactions([Requested]).OfType<SwitchDegradation>());
    }

    [Fact]
    public void Begin_OnlyTimeLimit_NoSwitch() =>
        Assert.Single(ScaleOutDecider.Begin(Degrading(whileScaling: false, maxTimeToCapacity: TimeSpan.FromMinutes(2))));

    [Fact]
    public void Decide_SlowOverflow_SwitchesOn()
    {
        var state = Given(Degrading(whileScaling: false, maxTimeToCapacity: TimeSpan.FromMinutes(2)));

        var step = When(state, PlacementDecision.Failed("No room.", Plan(TimeSpan.FromMinutes(6))));

        Assert.Equal([typeof(DegradationSwitchOnRequested), typeof(OverflowNodesRequested)], step.Events.Select(e => e.GetType()));
        Assert.Contains("public-cloud", ((DegradationSwitchOnRequested)step.Events[0]).Reason);
        Assert.IsType<SwitchDegradation>(step.Messages[0]);
        Assert.IsType<ProvisionNodes>(step.Messages[1]);
        Assert.True(step.State.HoldsDegradation);
    }

    [Fact]
    public void Decide_OverflowWithinAllowed_NoSwitch()
    {
        var state = Given(Degrading(whileScaling: false, maxTimeToCapacity: TimeSpan.FromMinutes(10)));

        var step = When(state, PlacementDecision.Failed("No room.", Plan(TimeSpan.FromMinutes(6))));

        Assert.IsType<OverflowNodesRequested>(Assert.Single(step.Events));
        Assert.Null(step.State.Degradation);
    }

    [Fact]
    public void Decide_NoExpectedTime_UsesTimeout()
    {
        var state = Given(Degrading(whileScaling: false, maxTimeToCapacity: TimeSpan.FromMinutes(4)));

        var step = When(state, PlacementDecision.Failed("No room.", Plan(null)));

        Assert.IsType<DegradationSwitchOnRequested>(step.Events[0]);
    }

    [Fact]
    public void Decide_OverflowAlreadyDegraded_NoSecondSwitch()
    {
        var state = Given(Degrading(maxTimeToCapacity: TimeSpan.FromSeconds(1)), OnAtStart);

        var step = When(state, PlacementDecision.Failed("No room.", Plan(TimeSpan.FromMinutes(6))));

        Assert.IsType<OverflowNodesRequested>(Assert.Single(step.Events));
    }

    [Fact]
    public void Decide_OverflowNotAsked_NoSwitch()
    {
        var step = When(Given(Requested), PlacementDecision.Failed("No room.", Plan(TimeSpan.FromHours(1))));

        Assert.IsType<OverflowNodesRequested>(Assert.Single(step.Events));
    }

    [Fact]
    public void Decide_OnConfirmed_RecordsConfirmation()
    {
        var step = When(Given(Degrading(), OnAtStart), Reply(on: true));

        Assert.Equal(Describe([new DegradationSwitchConfirmed(true, Now)]), Describe(step.Events));
        Assert.Equal(Now, step.State.Degradation!.OnConfirmedAt);
    }

    [Fact]
    public void Decide_BackendsRegistered_CompletesThenSwitchesOff()
    {
        var step = When(Given(DegradedUpToRegistering()), new BackendsRegistered(SagaId, "feed-api", AllInstances));

        Assert.Equal([typeof(BackendsAdded), typeof(ScaleOutCompleted), typeof(DegradationSwitchOffRequested)], step.Events.Select(e => e.GetType()));
        Assert.Equal(new SwitchDegradation(SagaId, "feed-api", false, [], RetryAfter, "The new instances serve traffic."), Assert.Single(step.Messages));
        Assert.Equal(ScaleOutStatus.Completed, step.State.Status);
        Assert.False(step.State.HoldsDegradation);
    }

    [Fact]
    public void Decide_BackendsRegisteredNotDegraded_NoSwitch()
    {
        var step = When(Given(UpToRegistering()), new BackendsRegistered(SagaId, "feed-api", AllInstances));

        Assert.DoesNotContain(step.Events, e => e is DegradationSwitchOffRequested);
        Assert.Empty(step.Messages);
    }

    [Fact]
    public void Decide_LateOffConfirmation_StaysCompleted()
    {
        var completed = When(Given(DegradedUpToRegistering()), new BackendsRegistered(SagaId, "feed-api", AllInstances)).State;

        var step = When(completed, Reply(on: false));

        Assert.Equal(Describe([new DegradationSwitchConfirmed(false, Now)]), Describe(step.Events));
        Assert.Equal(ScaleOutStatus.Completed, step.State.Status);
    }

    [Fact]
    public void Decide_PlacementFailed_SwitchesOff()
    {
        var state = Given(Degrading(), OnAtStart);

        var failed = When(state, PlacementDecision.Failed("Only 1 of 3 instances fit."));

        Assert.Equal([typeof(PlacementFailed), typeof(ScaleOutFailed), typeof(DegradationSwitchOffRequested)], failed.Events.Select(e => e.GetType()));
        Assert.Equal(ScaleOutStatus.Compensating, failed.State.Status);
        Assert.Equal(["degradation"], failed.State.Undo);
        Assert.False(Assert.IsType<SwitchDegradation>(Assert.Single(failed.Messages)).On);

        var confirmed = When(failed.State, Reply(on: false));

        Assert.Equal(
            Describe([new DegradationSwitchConfirmed(false, Now), new CompensationStepCompleted("degradation", Now), new ScaleOutCompensated(Now)]),
            Describe(confirmed.Events));
        Assert.Equal(ScaleOutStatus.Failed, confirmed.State.Status);
    }

    [Fact]
    public void Decide_BackendsFailed_SwitchesOffLast()
    {
        var state = Given(DegradedUpToRegistering());

        var steps = WhenEach(
            state,
            new BackendRegistrationRejected(SagaId, "pool draining"),
            new BackendsDeregistered(SagaId, "feed-api", AllInstances),
            new InstancesStopped(SagaId, AllInstances),
            new AddressesReleased(SagaId, AllInstances),
            Reply(on: false));

        Assert.Equal(["backends", "instances", "addresses", "degradation"], steps[0].State.Undo);
        Assert.DoesNotContain(steps[0].Messages, m => m is SwitchDegradation);
        Assert.DoesNotContain(steps[2].Messages, m => m is SwitchDegradation);
        Assert.IsType<DegradationSwitchOffRequested>(steps[3].Events[^1]);
        Assert.False(Assert.IsType<SwitchDegradation>(steps[3].Messages[^1]).On);
        Assert.Equal(ScaleOutStatus.Failed, steps[4].State.Status);
        Assert.False(steps[4].State.HoldsDegradation);
    }

    [Fact]
    public void Decide_CancelledWhileDegraded_SwitchesOffLast()
    {
        var state = Given(Degrading(), OnAtStart, Placed, Assigned);

        var steps = WhenEach(
            state,
            new CancelSaga("Traffic dropped."),
            new InstancesStopped(SagaId, AllInstances),
            new AddressesReleased(SagaId, AllInstances),
            Reply(on: false));

        Assert.Equal(["instances", "addresses", "degradation"], steps[0].State.Undo);
        Assert.Contains("was cancelled", ((DegradationSwitchOffRequested)steps[2].Events[^1]).Reason);
        Assert.Equal(ScaleOutStatus.Cancelled, steps[3].State.Status);
    }

    [Fact]
    public void Decide_TimedOutWhileDegraded_SwitchesOff()
    {
        var state = Given(Degrading(), OnAtStart, Placed);

        var step = When(state, new DeadlinePassed(AddressDeadline));

        Assert.Equal(["addresses", "degradation"], step.State.Undo);
        var released = When(step.State, new AddressesReleased(SagaId, AllInstances));
        Assert.IsType<DegradationSwitchOffRequested>(released.Events[^1]);
        Assert.False(Assert.IsType<SwitchDegradation>(released.Messages[^1]).On);
    }

    [Fact]
    public void Decide_OffNeverConfirmed_AbandonedAtItsDeadline()
    {
        var failed = When(Given(Degrading(), OnAtStart), PlacementDecision.Failed("No room.")).State;

        var step = When(failed, new DeadlinePassed(failed.Deadline!.Value), failed.Deadline!.Value);

        Assert.Contains(step.Events, e => e is CompensationStepAbandoned { Step: "degradation" });
        Assert.Equal(ScaleOutStatus.Failed, step.State.Status);
    }

    [Fact]
    public void Decide_OffFaulted_AbandonsTheUndoStep()
    {
        var failed = When(Given(Degrading(), OnAtStart), PlacementDecision.Failed("No room.")).State;

        var step = When(failed, new StepFaulted("degradation", "load balancer down", IsUndo: true));

        Assert.Contains(step.Events, e => e is CompensationStepAbandoned { Step: "degradation" });
        Assert.Equal(ScaleOutStatus.Failed, step.State.Status);
    }

    [Fact]
    public void Decide_OnFaulted_SagaGoesOn()
    {
        var step = When(Given(Degrading(), OnAtStart), new StepFaulted("degradation", "load balancer down"));

        Assert.Empty(step.Events);
    }

    [Fact]
    public void Decide_LateOn_SendsOffOnce()
    {
        var failed = When(Given(Degrading(), OnAtStart), PlacementDecision.Failed("No room.")).State;

        var late = When(failed, Reply(on: true));
        var again = When(late.State, Reply(on: true));

        Assert.Equal(Describe([new LateDegradationReported(Now)]), Describe(late.Events));
        Assert.False(Assert.IsType<SwitchDegradation>(Assert.Single(late.Messages)).On);
        Assert.Empty(again.Events);
    }

    [Fact]
    public void Decide_ReplyWithoutDegradation_Ignored()
    {
        Assert.Empty(When(Given(Requested), Reply(on: true)).Events);
        Assert.Empty(When(Given(Requested), Reply(on: false)).Events);
    }

    [Fact]
    public void For_NoRoutesOrRequest_IsNull()
    {
        var service = new ServiceSpec("feed-pool", "img", new InstanceShapeSpec(500, 512));
        var degradable = service with { Degradation = new DegradationSpec(["/api/recommendations"], "10s") };

        Assert.Null(ScaleOutDegradation.For(new DegradeWhileScaling(WhileScaling: true), service));
        Assert.Null(ScaleOutDegradation.For(new DegradeWhileScaling(), degradable));
        Assert.Null(ScaleOutDegradation.For(null, degradable));
        var terms = ScaleOutDegradation.For(new DegradeWhileScaling(MaxTimeToCapacity: TimeSpan.FromMinutes(2)), degradable);
        Assert.NotNull(terms);
        Assert.Equal(TimeSpan.FromSeconds(10), terms.RetryAfter);
        Assert.False(terms.WhileScaling);
    }
}
