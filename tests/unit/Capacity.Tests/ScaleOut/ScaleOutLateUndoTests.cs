using Surge.Capacity.ScaleOut;
using Surge.Contracts.Addresses;
using Surge.Contracts.Backends;
using static Surge.Capacity.Tests.ScaleOut.SagaScenario;

namespace Surge.Capacity.Tests.ScaleOut;

/// <summary>
/// Addresses and backends that a participant completes after the saga gave up on them are undone again, because the
/// saga's own undo command may have reached the participant first and found nothing to undo.
/// </summary>
public sealed class ScaleOutLateUndoTests
{
    private const string Reason = "Its scale-out saga had already given up on it.";

    private static readonly ScaleOutFailed AddressStepFailed = new("addresses", "Step 'addresses' passed its deadline.", RequestedAt, UndoDeadline);

    public static TheoryData<string, object[]> GaveUpWhileAllocating() => new()
    {
        { "compensating", [Requested, Placed, AddressStepFailed] },
        { "failed after an empty release", [Requested, Placed, AddressStepFailed, new CompensationStepCompleted("addresses", RequestedAt), new ScaleOutCompensated(RequestedAt)] },
        { "failed after an abandoned release", [Requested, Placed, AddressStepFailed, new CompensationStepAbandoned("addresses", "timed out", RequestedAt), new ScaleOutCompensated(RequestedAt)] },
        { "cancelled", [Requested, Placed, new ScaleOutCancelled("not needed", RequestedAt, UndoDeadline), new CompensationStepCompleted("addresses", RequestedAt), new ScaleOutCompensated(RequestedAt)] },
    };

    [Theory]
    [MemberData(nameof(GaveUpWhileAllocating))]
    public void Decide_AddressesAllocatedAfterSagaGaveUp_ReleasesThem(string scenario, object[] history)
    {
        var state = Given(history);

        var step = When(state, new AddressesAllocated(SagaId, Assignments));

        var expected = new LateAddressesReported([.. Assignments.Select(a => new AssignedAddress(a.InstanceId, a.Subnet, a.Address))], Now);
        Assert.True(Describe(step.Events).SequenceEqual(Describe([expected])), $"{scenario}: recorded {string.Join(", ", Describe(step.Events))}");
        Assert.Equal(Describe([new ReleaseAddresses(SagaId, [First, Second, Third], Reason)]), Describe(step.Messages));
        Assert.Equal(state.Status, step.State.Status);
        Assert.Equal(["127.42.0.2", "127.42.0.3", "127.42.0.4"], step.State.Instances.Select(i => i.Address));
    }

    [Theory]
    [MemberData(nameof(GaveUpWhileAllocating))]
    public void Decide_LateAddressesTwice_SecondReleasesNothing(string scenario, object[] history)
    {
        var state = Given(history);

        var first = When(state, new AddressesAllocated(SagaId, Assignments));
        var second = When(first.State, new AddressesAllocated(SagaId, Assignments));

        Assert.True(first.Messages.Count == 1, $"{scenario}: the first late reply sent {first.Messages.Count} messages");
        Assert.Empty(second.Events);
        Assert.Empty(second.Messages);
    }

    [Fact]
    public void Decide_LateAddressesOfUnknownInstance_Ignored()
    {
        var state = Given(Requested, Placed, AddressStepFailed);

        var step = When(state, new AddressesAllocated(SagaId, [new AddressAssignment(Stranger, "feed-net", "127.42.0.9")]));

        Assert.Empty(step.Events);
        Assert.Empty(step.Messages);
    }

    [Fact]
    public void Decide_RepeatedAddresses_ReleasesNothing()
    {
        // The saga recorded these addresses and its undo step releases them; a repeated reply adds nothing.
        var state = Given(Requested, Placed, Assigned, new ScaleOutFailed("instances", "image pull failed", RequestedAt, UndoDeadline));

        var step = When(state, new AddressesAllocated(SagaId, Assignments));

        Assert.Empty(step.Events);
        Assert.Empty(step.Messages);
    }

    public static TheoryData<string, object[]> GaveUpWhileRegistering() => new()
    {
        { "compensating", [.. UpToRegistering(), new ScaleOutFailed("backends", "Step 'backends' passed its deadline.", RequestedAt, UndoDeadline)] },
        { "failed", [.. UpToRegistering(), new ScaleOutFailed("backends", "timed out", RequestedAt, UndoDeadline), new CompensationStepCompleted("backends", RequestedAt, UndoDeadline), new CompensationStepCompleted("instances", RequestedAt, UndoDeadline), new CompensationStepCompleted("addresses", RequestedAt), new ScaleOutCompensated(RequestedAt)] },
        { "cancelled", [.. UpToRegistering(), new ScaleOutCancelled("not needed", RequestedAt, UndoDeadline), new CompensationStepCompleted("backends", RequestedAt, UndoDeadline), new CompensationStepCompleted("instances", RequestedAt, UndoDeadline), new CompensationStepCompleted("addresses", RequestedAt), new ScaleOutCompensated(RequestedAt)] },
    };

    [Theory]
    [MemberData(nameof(GaveUpWhileRegistering))]
    public void Decide_BackendsRegisteredAfterSagaGaveUp_DeregistersThem(string scenario, object[] history)
    {
        var state = Given(history);

        var step = When(state, new BackendsRegistered(SagaId, "feed-api", [First, Second, Third]));

        Assert.True(
            Describe(step.Events).SequenceEqual(Describe([new LateBackendsReported([First, Second, Third], Now)])),
            $"{scenario}: recorded {string.Join(", ", Describe(step.Events))}");
        Assert.Equal(Describe([new DeregisterBackends(SagaId, "feed-api", [First, Second, Third], Reason)]), Describe(step.Messages));
        Assert.Equal(state.Status, step.State.Status);
    }

    [Fact]
    public void Decide_LateDeregistrationConfirmsCurrentUndo_MovesOn()
    {
        // The extra deregistration covers every instance, so its confirmation completes the backends undo step.
        var state = Given([.. UpToRegistering(), new ScaleOutFailed("backends", "timed out", RequestedAt, UndoDeadline)]);
        var late = When(state, new BackendsRegistered(SagaId, "feed-api", [First, Second, Third]));

        var confirmed = When(late.State, new BackendsDeregistered(SagaId, "feed-api", [First, Second, Third]));

        Assert.Equal([typeof(CompensationStepCompleted)], confirmed.Events.Select(e => e.GetType()));
        Assert.Equal(["instances", "addresses"], confirmed.State.Undo);
    }
}
