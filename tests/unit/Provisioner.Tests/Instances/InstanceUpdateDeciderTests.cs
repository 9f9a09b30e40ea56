using Surge.Provisioner.Instances;
using Messages = Surge.Contracts.Instances;

namespace Surge.Provisioner.Tests.Instances;

public sealed class InstanceUpdateDeciderTests
{
    private const string Endpoint = "http://127.42.0.10:8080";
    private const string OldImage = "checkout:1.4.2";
    private const string NewImage = "checkout:1.5.0";

    private static readonly Guid InstanceId = Guid.Parse("0b5e7c2a-3d41-4c55-9a0e-6f1d2b3c4d5e");
    private static readonly Guid StartSagaId = Guid.Parse("7f1c9a20-8e3b-4f6d-b2a1-0c9d8e7f6a5b");
    private static readonly Guid RolloutId = Guid.Parse("4a2b8c1d-9e0f-4a3b-8c7d-6e5f4a3b2c1d");
    private static readonly DateTimeOffset Now = new(2026, 5, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Earlier = Now.AddMinutes(-3);

    private static readonly InstanceRequested Requested = new(InstanceId, StartSagaId, "checkout", "node-1", "127.42.0.10", OldImage, 500, 512, Earlier);
    private static readonly InstanceStarted Started = new(InstanceId, Endpoint, Earlier);
    private static readonly InstanceUpdateRequested UpdateRequested = new(InstanceId, RolloutId, NewImage, Earlier);
    private static readonly RequestUpdate Update = new(InstanceId, RolloutId, NewImage);

    private static InstanceState Given(params object[] events) => InstanceDecider.Fold(InstanceState.Initial, events);

    private static IReadOnlyList<object> Decide(object[] given, InstanceCommand when) => InstanceDecider.Decide(Given(given), when, Now);

    [Fact]
    public void Evolve_Requested_RecordsStartImage()
    {
        Assert.Equal(OldImage, Given(Requested, Started).Image);
    }

    [Fact]
    public void RequestUpdate_RunningOtherImage_RecordsRequest()
    {
        var events = Decide([Requested, Started], Update);

        Assert.Equal(new InstanceUpdateRequested(InstanceId, RolloutId, NewImage, Now), Assert.Single(events));
    }

    [Fact]
    public void RequestUpdate_SameImage_RepliesUpdated()
    {
        var state = Given(Requested, Started);
        var request = Update with { Image = OldImage };

        Assert.Empty(InstanceDecider.Decide(state, request, Now));
        Assert.Equal(new Messages.InstanceUpdated(RolloutId, InstanceId, OldImage, Endpoint), InstanceUpdateReplies.ForRequest(state, request));
    }

    [Fact]
    public void RequestUpdate_Redelivered_WaitsForOutcome()
    {
        var state = Given(Requested, Started, UpdateRequested);

        Assert.Empty(InstanceDecider.Decide(state, Update, Now));
        Assert.Null(InstanceUpdateReplies.ForRequest(state, Update));
    }

    [Fact]
    public void RequestUpdate_OtherUpdateInProgress_RepliesFailed()
    {
        var state = Given(Requested, Started, UpdateRequested);
        var request = Update with { Image = "checkout:2.0.0" };

        Assert.Empty(InstanceDecider.Decide(state, request, Now));
        var failed = Assert.IsType<Messages.InstanceUpdateFailed>(InstanceUpdateReplies.ForRequest(state, request));
        Assert.Contains("is being updated to checkout:1.5.0", failed.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(NotRunning))]
    public void RequestUpdate_NotRunning_RepliesFailed(object[] given, string expected)
    {
        var state = Given(given);

        Assert.Empty(InstanceDecider.Decide(state, Update, Now));
        var failed = Assert.IsType<Messages.InstanceUpdateFailed>(InstanceUpdateReplies.ForRequest(state, Update));
        Assert.Equal(RolloutId, failed.SagaId);
        Assert.Contains(expected, failed.Reason, StringComparison.Ordinal);
    }

    public static TheoryData<object[], string> NotRunning() => new()
    {
        { [], "is unknown" },
        { [Requested], "is Requested, not running" },
        { [Requested, new InstanceStopped(InstanceId, "scale-in", Earlier)], "is Stopped, not running" },
    };

    [Fact]
    public void RequestUpdate_BlankImage_RepliesFailed()
    {
        var state = Given(Requested, Started);
        var request = Update with { Image = " " };

        Assert.Empty(InstanceDecider.Decide(state, request, Now));
        var failed = Assert.IsType<Messages.InstanceUpdateFailed>(InstanceUpdateReplies.ForRequest(state, request));
        Assert.Contains("names no image", failed.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void CompleteUpdate_Pending_RecordsUpdateForItsSaga()
    {
        var events = Decide([Requested, Started, UpdateRequested], new CompleteUpdate(InstanceId, NewImage, Endpoint));

        var updated = Assert.IsType<InstanceUpdated>(Assert.Single(events));
        Assert.Equal(new InstanceUpdated(InstanceId, RolloutId, NewImage, Endpoint, Now), updated);
        Assert.Equal(new Messages.InstanceUpdated(RolloutId, InstanceId, NewImage, Endpoint), InstanceUpdateReplies.For(updated));
    }

    [Fact]
    public void Evolve_Updated_RunsNewImage()
    {
        var state = Given(Requested, Started, UpdateRequested, new InstanceUpdated(InstanceId, RolloutId, NewImage, Endpoint, Now));

        Assert.Equal(NewImage, state.Image);
        Assert.Null(state.Update);
        Assert.Equal(InstanceStatus.Started, state.Status);
    }

    [Fact]
    public void FailUpdate_Pending_KeepsOldImage()
    {
        var events = Decide([Requested, Started, UpdateRequested], new FailUpdate(InstanceId, NewImage, "pull failed"));

        var failed = Assert.IsType<InstanceUpdateFailed>(Assert.Single(events));
        Assert.Equal(RolloutId, failed.SagaId);
        var state = InstanceDecider.Fold(Given(Requested, Started, UpdateRequested), events);
        Assert.Equal(OldImage, state.Image);
        Assert.Null(state.Update);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Outcome_NoMatchingUpdate_RecordsNothing(bool completes)
    {
        InstanceCommand outcome = completes
            ? new CompleteUpdate(InstanceId, "checkout:0.9", Endpoint)
            : new FailUpdate(InstanceId, "checkout:0.9", "late");

        Assert.Empty(Decide([Requested, Started, UpdateRequested], outcome));
        Assert.Empty(Decide([Requested, Started], outcome));
    }

    [Fact]
    public void Stop_DuringUpdate_FailsTheUpdateFirst()
    {
        var events = Decide([Requested, Started, UpdateRequested], new StopInstance(InstanceId, "scale-in"));

        Assert.Equal(2, events.Count);
        var failed = Assert.IsType<InstanceUpdateFailed>(events[0]);
        Assert.Equal(RolloutId, failed.SagaId);
        Assert.Contains("was stopped during the update", failed.Reason, StringComparison.Ordinal);
        Assert.IsType<InstanceStopped>(events[1]);
    }

    [Fact]
    public void Lose_DuringUpdate_FailsTheUpdateFirst()
    {
        var events = Decide([Requested, Started, UpdateRequested], new LoseInstance(InstanceId, "node outage"));

        Assert.IsType<InstanceUpdateFailed>(events[0]);
        Assert.IsType<InstanceLost>(events[1]);
    }

    [Fact]
    public void StartReply_DuringUpdate_StillReportsStarted()
    {
        var reply = InstanceReplies.For(Given(Requested, Started, UpdateRequested));

        Assert.Equal(new Messages.InstanceStarted(StartSagaId, InstanceId, Endpoint), reply);
    }
}
