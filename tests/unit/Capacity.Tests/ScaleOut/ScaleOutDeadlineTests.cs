using Surge.Capacity.ScaleOut;
using Surge.Contracts.Addresses;
using Surge.Contracts.Backends;
using Surge.Contracts.Instances;
using static Surge.Capacity.Tests.ScaleOut.SagaScenario;

namespace Surge.Capacity.Tests.ScaleOut;

/// <summary>
/// Each waiting step stores a deadline; only the current one, once reached, times the step out. A forward step then
/// fails (instances first give up on the pending ones), and an undo step is abandoned so the next one can start.
/// </summary>
public sealed class ScaleOutDeadlineTests
{
    private static readonly Guid[] AllInstances = [First, Second, Third];

    private const string NotReady = "It did not report ready before the saga's deadline.";

    private static string TimedOutReason(string step, DateTimeOffset deadline) => $"Step '{step}' passed its deadline {deadline:O} without an answer.";

    private static string UndoReason(string step, string reason) => $"Scale-out saga {SagaId} failed at step '{step}': {reason}";

    [Fact]
    public void Decide_PlacementDeadlinePassed_FailsWithoutCompensation()
    {
        var state = Given(Requested);

        var step = When(state, new DeadlinePassed(PlacementDeadline));

        Assert.Equal(
            Describe([
                new StepTimedOut("placement", PlacementDeadline, Now),
                new ScaleOutFailed("placement", TimedOutReason("placement", PlacementDeadline), Now),
                new ScaleOutCompensated(Now),
            ]),
            Describe(step.Events));
        Assert.Empty(step.Messages);
        Assert.Equal(ScaleOutStatus.Failed, step.State.Status);
        Assert.Null(step.State.Deadline);
    }

    [Fact]
    public void Decide_AddressDeadlinePassed_FailsAndReleasesAddresses()
    {
        var state = Given(Requested, Placed);

        var step = When(state, new DeadlinePassed(AddressDeadline));

        var reason = TimedOutReason("addresses", AddressDeadline);
        Assert.Equal(
            Describe([new StepTimedOut("addresses", AddressDeadline, Now), new ScaleOutFailed("addresses", reason, Now, Now + Options.UndoTimeout)]),
            Describe(step.Events));
        Assert.Equal(Describe([new ReleaseAddresses(SagaId, AllInstances, UndoReason("addresses", reason))]), Describe(step.Messages));
        Assert.Equal(ScaleOutStatus.Compensating, step.State.Status);
        Assert.Equal(Now + Options.UndoTimeout, step.State.Deadline);
    }

    [Fact]
    public void Decide_StartDeadlineMinimumReady_RegistersReady()
    {
        var state = Given(Requested with { MinimumCount = 2 }, Placed, Assigned, Ready(First), Ready(Third));

        var step = When(state, new DeadlinePassed(StartDeadline));

        Assert.Equal(
            Describe([
                new StepTimedOut("instances", StartDeadline, Now),
                new InstanceFailed(Second, NotReady, Now),
                new BackendsRequested([First, Third], Now, Now + Options.BackendTimeout),
            ]),
            Describe(step.Events));
        const string cleanup = "The instance failed; its scale-out saga continues without it.";
        Assert.Equal(
            Describe([
                new RegisterBackends(SagaId, "feed-api", [new Backend(First, EndpointOf(First)), new Backend(Third, EndpointOf(Third))]),
                new StopInstances(SagaId, [Second], cleanup),
                new ReleaseAddresses(SagaId, [Second], cleanup),
            ]),
            Describe(step.Messages));
        Assert.Equal(ScaleOutStatus.RegisteringBackends, step.State.Status);
        Assert.Equal(Now + Options.BackendTimeout, step.State.Deadline);
    }

    [Fact]
    public void Decide_StartDeadlineTooFewReady_Fails()
    {
        var state = Given(Requested, Placed, Assigned, Ready(First));

        var step = When(state, new DeadlinePassed(StartDeadline));

        var reason = $"Only 1 of 3 instances can still become ready and the request needs 3; instance {Second} failed: {NotReady}";
        Assert.Equal(
            Describe([
                new StepTimedOut("instances", StartDeadline, Now),
                new InstanceFailed(Second, NotReady, Now),
                new InstanceFailed(Third, NotReady, Now),
                new ScaleOutFailed("instances", reason, Now, Now + Options.UndoTimeout),
            ]),
            Describe(step.Events));
        Assert.Equal(Describe([new StopInstances(SagaId, AllInstances, UndoReason("instances", reason))]), Describe(step.Messages));
        Assert.Equal(ScaleOutStatus.Compensating, step.State.Status);
        Assert.Equal(["instances", "addresses"], step.State.Undo);
    }

    [Fact]
    public void Decide_StartDeadlineNoneReady_Fails()
    {
        var state = Given(Requested with { MinimumCount = 1 }, Placed, Assigned);

        var step = When(state, new DeadlinePassed(StartDeadline));

        Assert.Equal(
            [typeof(StepTimedOut), typeof(InstanceFailed), typeof(InstanceFailed), typeof(InstanceFailed), typeof(ScaleOutFailed)],
            step.Events.Select(e => e.GetType()));
        var failed = Assert.IsType<ScaleOutFailed>(step.Events[^1]);
        Assert.Equal("instances", failed.Step);
        Assert.StartsWith("Only 0 of 3 instances can still become ready and the request needs 1;", failed.Reason);
        Assert.Equal([typeof(StopInstances)], step.Messages.Select(m => m.GetType()));
        Assert.All(step.State.Instances, instance => Assert.Equal(NotReady, instance.FailureReason));
    }

    [Fact]
    public void Decide_BackendDeadlinePassed_FailsAndDeregisters()
    {
        var state = Given(UpToRegistering());

        var step = When(state, new DeadlinePassed(BackendDeadline));

        var reason = TimedOutReason("backends", BackendDeadline);
        Assert.Equal(
            Describe([new StepTimedOut("backends", BackendDeadline, Now), new ScaleOutFailed("backends", reason, Now, Now + Options.UndoTimeout)]),
            Describe(step.Events));
        Assert.Equal(Describe([new DeregisterBackends(SagaId, "feed-api", AllInstances, UndoReason("backends", reason))]), Describe(step.Messages));
        Assert.Equal(["backends", "instances", "addresses"], step.State.Undo);
    }

    [Fact]
    public void Decide_UndoDeadlinePassed_SendsNextUndo()
    {
        var state = Given([.. UpToRegistering(), new ScaleOutFailed("backends", "pool draining", RequestedAt, UndoDeadline)]);

        var step = When(state, new DeadlinePassed(UndoDeadline));

        Assert.Equal(
            Describe([
                new StepTimedOut("backends", UndoDeadline, Now),
                new CompensationStepAbandoned("backends", TimedOutReason("backends", UndoDeadline), Now, Now + Options.UndoTimeout),
            ]),
            Describe(step.Events));
        Assert.Equal(Describe([new StopInstances(SagaId, AllInstances, UndoReason("backends", "pool draining"))]), Describe(step.Messages));
        Assert.Equal(ScaleOutStatus.Compensating, step.State.Status);
        Assert.Equal(["instances", "addresses"], step.State.Undo);
        Assert.Equal(Now + Options.UndoTimeout, step.State.Deadline);
    }

    [Fact]
    public void Decide_LastUndoDeadlinePassed_Fails()
    {
        var state = Given(Requested, Placed, new ScaleOutFailed("addresses", "subnet full", RequestedAt, UndoDeadline));

        var step = When(state, new DeadlinePassed(UndoDeadline));

        Assert.Equal(
            Describe([
                new StepTimedOut("addresses", UndoDeadline, Now),
                new CompensationStepAbandoned("addresses", TimedOutReason("addresses", UndoDeadline), Now),
                new ScaleOutCompensated(Now),
            ]),
            Describe(step.Events));
        Assert.Empty(step.Messages);
        Assert.Equal(ScaleOutStatus.Failed, step.State.Status);
        Assert.Equal("addresses", step.State.FailedStep);
    }

    public static TheoryData<string, object[], DateTimeOffset> StaleDeadlines() => new()
    {
        { "placement deadline after placement", [Requested, Placed], PlacementDeadline },
        { "address deadline after assignment", [Requested, Placed, Assigned], AddressDeadline },
        { "start deadline after backends requested", UpToRegistering(), StartDeadline },
        { "backend deadline after failure", [.. UpToRegistering(), new ScaleOutFailed("backends", "pool draining", RequestedAt, UndoDeadline)], BackendDeadline },
        { "undo deadline of a confirmed step", [Requested, Placed, Assigned, new ScaleOutFailed("instances", "boom", RequestedAt, UndoDeadline), new CompensationStepCompleted("instances", RequestedAt, UndoDeadline.AddSeconds(5))], UndoDeadline },
        { "deadline after the saga finished", [.. UpToRegistering(), new ScaleOutCompleted(3, RequestedAt)], BackendDeadline },
        { "deadline of a declined saga", [Requested, new ScaleOutDeclined("at maximum", RequestedAt)], PlacementDeadline },
    };

    [Theory]
    [MemberData(nameof(StaleDeadlines))]
    public void Decide_DeadlineNotTheCurrentOne_RecordsNothing(string scenario, object[] history, DateTimeOffset deadline)
    {
        var state = Given(history);

        var step = When(state, new DeadlinePassed(deadline));

        Assert.True(step.Events.Count == 0, $"{scenario}: expected no events, got {string.Join(", ", Describe(step.Events))}");
        Assert.Empty(step.Messages);
    }

    [Fact]
    public void Decide_CurrentDeadlineNotYetReached_RecordsNothing()
    {
        var state = Given(Requested, Placed);

        var step = When(state, new DeadlinePassed(AddressDeadline), AddressDeadline.AddTicks(-1));

        Assert.Empty(step.Events);
        Assert.Empty(step.Messages);
        Assert.Equal(ScaleOutStatus.AllocatingAddresses, step.State.Status);
    }

    [Fact]
    public void Decide_CurrentDeadlineReachedExactly_TimesOut()
    {
        var state = Given(Requested, Placed);

        var step = When(state, new DeadlinePassed(AddressDeadline), AddressDeadline);

        Assert.Equal([typeof(StepTimedOut), typeof(ScaleOutFailed)], step.Events.Select(e => e.GetType()));
    }

    [Fact]
    public void Decide_TimeoutsFromOptions_SetEachStepsDeadline()
    {
        var options = new SagaOptions
        {
            AddressTimeout = TimeSpan.FromSeconds(5),
            InstanceStartTimeout = TimeSpan.FromSeconds(6),
            BackendTimeout = TimeSpan.FromSeconds(7),
            UndoTimeout = TimeSpan.FromSeconds(8),
        };

        var placed = When(Given(Requested), PlacementDecision.Placed(Placements), Now, options);
        var assigned = When(placed.State, new AddressesAllocated(SagaId, Assignments), Now, options);
        var registering = When(Given(Requested, Placed, Assigned, Ready(First), Ready(Second)), Started(Third), Now, options);
        var failed = When(registering.State, new BackendRegistrationRejected(SagaId, "pool draining"), Now, options);

        Assert.Equal(Now.AddSeconds(5), placed.State.Deadline);
        Assert.Equal(Now.AddSeconds(6), assigned.State.Deadline);
        Assert.Equal(Now.AddSeconds(7), registering.State.Deadline);
        Assert.Equal(Now.AddSeconds(8), failed.State.Deadline);
    }
}
