using Surge.Capacity.ScaleOut;
using Surge.Contracts.Addresses;
using Surge.Contracts.Backends;
using Surge.Contracts.Instances;
using Surge.Contracts.Placement;
using static Surge.Capacity.Tests.ScaleOut.SagaScenario;

namespace Surge.Capacity.Tests.ScaleOut;

public sealed class ScaleOutHappyPathTests
{
    [Fact]
    public void For_ScaleOutRequested_SendsPlaceInstances()
    {
        var state = Given(Requested);

        var messages = ScaleOutReactions.For(Requested, state);

        Assert.Equal(Describe([new PlaceInstances(SagaId)]), Describe(messages));
        Assert.Equal(ScaleOutStatus.Requested, state.Status);
    }

    [Fact]
    public void Decide_PlacementDecisionPlaced_RecordsPlacementAndAllocatesAddresses()
    {
        var state = Given(Requested);

        var step = When(state, PlacementDecision.Placed(Placements));

        Assert.Equal(Describe([new InstancesPlaced(Placements, Now, Now + Options.AddressTimeout)]), Describe(step.Events));
        Assert.Equal(
            Describe([new AllocateAddresses(SagaId, "feed-api", [
                new AddressRequest(First, "feed-node-1", "feed-pool"),
                new AddressRequest(Second, "feed-node-2", "feed-pool"),
                new AddressRequest(Third, "shared-node-1", "shared-pool"),
            ])]),
            Describe(step.Messages));
        Assert.Equal(ScaleOutStatus.AllocatingAddresses, step.State.Status);
        Assert.Equal(Now + Options.AddressTimeout, step.State.Deadline);
    }

    [Fact]
    public void Decide_AddressesAllocated_AssignsAddressesAndStartsInstances()
    {
        var state = Given(Requested, Placed);

        var step = When(state, new AddressesAllocated(SagaId, Assignments));

        Assert.Equal(Describe([Assigned with { At = Now, Deadline = Now + Options.InstanceStartTimeout }]), Describe(step.Events));
        Assert.Equal(
            Describe([new StartInstances(SagaId, "feed-api", Shape, [
                new InstanceSpec(First, "feed-node-1", "127.42.0.2"),
                new InstanceSpec(Second, "feed-node-2", "127.42.0.3"),
                new InstanceSpec(Third, "shared-node-1", "127.42.0.4"),
            ])]),
            Describe(step.Messages));
        Assert.Equal(ScaleOutStatus.StartingInstances, step.State.Status);
        Assert.Equal(Now + Options.InstanceStartTimeout, step.State.Deadline);
    }

    [Fact]
    public void Decide_AddressesAllocatedWithExtraInstance_AssignsOnlyTheSagasInstances()
    {
        var state = Given(Requested, Placed);

        var step = When(state, new AddressesAllocated(SagaId, [.. Assignments, new AddressAssignment(Stranger, "feed-net", "127.42.0.9")]));

        var assigned = Assert.IsType<AddressesAssigned>(Assert.Single(step.Events));
        Assert.Equal([First, Second, Third], assigned.Addresses.Select(a => a.InstanceId));
        var start = Assert.IsType<StartInstances>(Assert.Single(step.Messages));
        Assert.DoesNotContain(start.Instances, i => i.InstanceId == Stranger);
    }

    [Fact]
    public void Decide_FirstInstanceStarted_RecordsReadyWithoutRegistering()
    {
        var state = Given(Requested, Placed, Assigned);

        var step = When(state, Started(First));

        Assert.Equal(Describe([new InstanceReady(First, EndpointOf(First), Now)]), Describe(step.Events));
        Assert.Empty(step.Messages);
        Assert.Equal(ScaleOutStatus.StartingInstances, step.State.Status);
    }

    [Fact]
    public void Decide_LastInstanceStarted_RegistersEveryBackend()
    {
        var state = Given(Requested, Placed, Assigned, Ready(First), Ready(Second));

        var step = When(state, Started(Third));

        Assert.Equal(
            Describe([
                new InstanceReady(Third, EndpointOf(Third), Now),
                new BackendsRequested([First, Second, Third], Now, Now + Options.BackendTimeout),
            ]),
            Describe(step.Events));
        Assert.Equal(
            Describe([new RegisterBackends(SagaId, "feed-api", [
                new Backend(First, "http://127.42.0.2:8080"),
                new Backend(Second, "http://127.42.0.3:8080"),
                new Backend(Third, "http://127.42.0.4:8080"),
            ])]),
            Describe(step.Messages));
        Assert.Equal(ScaleOutStatus.RegisteringBackends, step.State.Status);
        Assert.Equal(Now + Options.BackendTimeout, step.State.Deadline);
    }

    [Fact]
    public void Decide_InstancesStartedInReverseOrder_OnlyTheLastRegisters()
    {
        var state = Given(Requested, Placed, Assigned);
        var messagesPerReply = new List<int>();

        foreach (var instanceId in new[] { Third, Second, First })
        {
            var step = When(state, Started(instanceId));
            messagesPerReply.Add(step.Messages.Count);
            state = step.State;
        }

        Assert.Equal([0, 0, 1], messagesPerReply);
        Assert.Equal(ScaleOutStatus.RegisteringBackends, state.Status);
        Assert.All(state.Instances, instance => Assert.Equal(EndpointOf(instance.InstanceId), instance.Endpoint));
    }

    [Fact]
    public void Decide_BackendsRegistered_AddsBackendsAndCompletes()
    {
        var state = Given(UpToRegistering());

        var step = When(state, new BackendsRegistered(SagaId, "feed-api", [First, Second, Third]));

        Assert.Equal(
            Describe([new BackendsAdded([First, Second, Third], Now), new ScaleOutCompleted(3, Now)]),
            Describe(step.Events));
        Assert.Empty(step.Messages);
        Assert.Equal(ScaleOutStatus.Completed, step.State.Status);
        Assert.Equal(Now, step.State.FinishedAt);
        Assert.Null(step.State.Deadline);
        Assert.True(step.State.IsFinished);
    }

    [Fact]
    public void Decide_WholeHappyPath_SendsEachCommandOnceInStepOrder()
    {
        var state = Given(Requested);
        var sent = new List<object>(ScaleOutReactions.For(Requested, state));
        object[] replies =
        [
            PlacementDecision.Placed(Placements),
            new AddressesAllocated(SagaId, Assignments),
            Started(First),
            Started(Second),
            Started(Third),
            new BackendsRegistered(SagaId, "feed-api", [First, Second, Third]),
        ];

        foreach (var reply in replies)
        {
            var step = When(state, reply);
            sent.AddRange(step.Messages);
            state = step.State;
        }

        Assert.Equal(
            [typeof(PlaceInstances), typeof(AllocateAddresses), typeof(StartInstances), typeof(RegisterBackends)],
            sent.Select(message => message.GetType()));
        Assert.Equal(ScaleOutStatus.Completed, state.Status);
        Assert.Null(state.FailedStep);
        Assert.Null(state.Deadline);
    }
}
