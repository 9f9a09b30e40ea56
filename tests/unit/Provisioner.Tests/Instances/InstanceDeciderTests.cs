using Surge.Provisioner.Instances;

namespace Surge.Provisioner.Tests.Instances;

public sealed class InstanceDeciderTests
{
    private static readonly Guid InstanceId = Guid.Parse("0b5e7c2a-3d41-4c55-9a0e-6f1d2b3c4d5e");
    private static readonly Guid SagaId = Guid.Parse("7f1c9a20-8e3b-4f6d-b2a1-0c9d8e7f6a5b");
    private static readonly DateTimeOffset Now = new(2026, 5, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Earlier = Now.AddMinutes(-3);

    private static readonly RequestInstance Request = new(InstanceId, SagaId, "checkout", "node-1", "127.42.0.10", "checkout:1.4.2", 500, 512);
    private static readonly InstanceRequested Requested = new(InstanceId, SagaId, "checkout", "node-1", "127.42.0.10", "checkout:1.4.2", 500, 512, Earlier);
    private static readonly InstanceStarted Started = new(InstanceId, "http://127.42.0.10:8080", Earlier);
    private static readonly InstanceStartFailed Failed = new(InstanceId, "bind failed", Earlier);
    private static readonly InstanceStopped Stopped = new(InstanceId, "scale-in", Earlier);
    private static readonly InstanceLost Lost = new(InstanceId, "node outage", Earlier);

    private static IReadOnlyList<object> Decide(object[] given, InstanceCommand when) =>
        InstanceDecider.Decide(InstanceDecider.Fold(InstanceState.Initial, given), when, Now);

    [Fact]
    public void Request_NewInstance_RecordsRequest()
    {
        var events = Decide([], Request);

        var requested = Assert.IsType<InstanceRequested>(Assert.Single(events));
        Assert.Equal(Requested with { RequestedAt = Now }, requested);
    }

    [Fact]
    public void Request_InvalidShape_RecordsRequestAndFailure()
    {
        var events = Decide([], Request with { Image = " ", CpuMillicores = 0, MemoryMiB = -1 });

        Assert.Equal(2, events.Count);
        Assert.IsType<InstanceRequested>(events[0]);
        var failed = Assert.IsType<InstanceStartFailed>(events[1]);
        Assert.Equal(InstanceId, failed.InstanceId);
        Assert.Equal(Now, failed.FailedAt);
        Assert.Contains("the image is empty", failed.Reason, StringComparison.Ordinal);
        Assert.Contains("the CPU request is 0 millicores", failed.Reason, StringComparison.Ordinal);
        Assert.Contains("the memory request is -1 MiB", failed.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", "node-1", "127.42.0.10", "the service name is empty")]
    [InlineData("checkout", "", "127.42.0.10", "the node is empty")]
    [InlineData("checkout", "node-1", "", "the address is empty")]
    public void Request_MissingField_FailsNamingField(string service, string node, string address, string expected)
    {
        var events = Decide([], Request with { Service = service, Node = node, Address = address });

        var failed = Assert.IsType<InstanceStartFailed>(events[^1]);
        Assert.Contains(expected, failed.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(KnownInstances))]
    public void Request_KnownInstance_RecordsNothing(object[] given)
    {
        Assert.Empty(Decide(given, Request));
    }

    [Fact]
    public void CompleteStart_RequestedInstance_RecordsStart()
    {
        var events = Decide([Requested], new CompleteStart(InstanceId, "http://127.42.0.10:8080"));

        Assert.Equal([new InstanceStarted(InstanceId, "http://127.42.0.10:8080", Now)], events);
    }

    [Theory]
    [MemberData(nameof(InstancesPastStarting))]
    public void CompleteStart_InstancePastStarting_RecordsNothing(object[] given)
    {
        Assert.Empty(Decide(given, new CompleteStart(InstanceId, "http://127.42.0.10:8080")));
    }

    [Fact]
    public void CompleteStart_UnknownInstance_RecordsNothing()
    {
        Assert.Empty(Decide([], new CompleteStart(InstanceId, "http://127.42.0.10:8080")));
    }

    [Fact]
    public void FailStart_RequestedInstance_RecordsFailure()
    {
        var events = Decide([Requested], new FailStart(InstanceId, "bind failed"));

        Assert.Equal([new InstanceStartFailed(InstanceId, "bind failed", Now)], events);
    }

    [Theory]
    [MemberData(nameof(InstancesPastStarting))]
    public void FailStart_InstancePastStarting_RecordsNothing(object[] given)
    {
        Assert.Empty(Decide(given, new FailStart(InstanceId, "bind failed")));
    }

    [Theory]
    [MemberData(nameof(StoppableInstances))]
    public void Stop_StoppableInstance_RecordsStop(object[] given)
    {
        var events = Decide(given, new StopInstance(InstanceId, "scale-in"));

        Assert.Equal([new InstanceStopped(InstanceId, "scale-in", Now)], events);
    }

    [Fact]
    public void Stop_StoppedInstance_RecordsNothing()
    {
        Assert.Empty(Decide([Requested, Started, Stopped], new StopInstance(InstanceId, "scale-in")));
    }

    [Fact]
    public void Stop_BeforeRequest_RecordsStopWithSaga()
    {
        var events = Decide([], new StopInstance(InstanceId, "saga gave up", SagaId));

        Assert.Equal([new InstanceStoppedBeforeRequest(InstanceId, SagaId, "saga gave up", Now)], events);
    }

    [Fact]
    public void Request_AfterStopBeforeRequest_StartsNothingAndRepliesFailure()
    {
        var stoppedEarly = new InstanceStoppedBeforeRequest(InstanceId, SagaId, "saga gave up", Earlier);

        Assert.Empty(Decide([stoppedEarly], Request));
        var reply = Assert.IsType<Surge.Contracts.Instances.InstanceStartFailed>(InstanceReplies.For(InstanceDecider.Fold(InstanceState.Initial, [stoppedEarly])));
        Assert.Equal(SagaId, reply.SagaId);
        Assert.Equal(InstanceId, reply.InstanceId);
        Assert.Contains("saga gave up", reply.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Stop_AfterStopBeforeRequest_RecordsNothing()
    {
        Assert.Empty(Decide([new InstanceStoppedBeforeRequest(InstanceId, SagaId, "saga gave up", Earlier)], new StopInstance(InstanceId, "again", SagaId)));
    }

    [Theory]
    [MemberData(nameof(LosableInstances))]
    public void Lose_StartingOrRunningInstance_RecordsLoss(object[] given)
    {
        var events = Decide(given, new LoseInstance(InstanceId, "node outage"));

        Assert.Equal([new InstanceLost(InstanceId, "node outage", Now)], events);
    }

    [Theory]
    [MemberData(nameof(InstancesNotRunning))]
    public void Lose_InstanceNotRunning_RecordsNothing(object[] given)
    {
        Assert.Empty(Decide(given, new LoseInstance(InstanceId, "node outage")));
    }

    [Fact]
    public void Stop_LostInstance_RecordsNothing()
    {
        Assert.Empty(Decide([Requested, Started, Lost], new StopInstance(InstanceId, "scale-in")));
    }

    [Fact]
    public void CompleteStart_LostInstance_RecordsNothing()
    {
        // A start that finishes after its node went down must not bring the lost instance back.
        Assert.Empty(Decide([Requested, Lost], new CompleteStart(InstanceId, "http://127.42.0.10:8080")));
    }

    [Fact]
    public void Evolve_Loss_KeepsReason()
    {
        var state = InstanceDecider.Fold(InstanceState.Initial, [Requested, Started, Lost]);

        Assert.Equal(InstanceStatus.Lost, state.Status);
        Assert.Equal("node outage", state.LossReason);
    }

    [Fact]
    public void Replies_LostInstance_ReportsFailureWithLossReason()
    {
        var reply = InstanceReplies.For(InstanceDecider.Fold(InstanceState.Initial, [Requested, Lost]));

        var failed = Assert.IsType<Surge.Contracts.Instances.InstanceStartFailed>(reply);
        Assert.Equal(SagaId, failed.SagaId);
        Assert.Contains("was lost (node outage)", failed.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Evolve_FullLife_KeepsWhatRepliesNeed()
    {
        var state = InstanceDecider.Fold(InstanceState.Initial, [Requested, Started, Stopped]);

        Assert.Equal(InstanceStatus.Stopped, state.Status);
        Assert.Equal(InstanceId, state.InstanceId);
        Assert.Equal(SagaId, state.SagaId);
        Assert.Equal("http://127.42.0.10:8080", state.Endpoint);
        Assert.Equal("scale-in", state.StopReason);
    }

    [Fact]
    public void Replies_StartedInstance_RepeatsEndpoint()
    {
        var reply = InstanceReplies.For(InstanceDecider.Fold(InstanceState.Initial, [Requested, Started]));

        Assert.Equal(new Surge.Contracts.Instances.InstanceStarted(SagaId, InstanceId, "http://127.42.0.10:8080"), reply);
    }

    [Fact]
    public void Replies_FailedInstance_RepeatsReason()
    {
        var reply = InstanceReplies.For(InstanceDecider.Fold(InstanceState.Initial, [Requested, Failed]));

        Assert.Equal(new Surge.Contracts.Instances.InstanceStartFailed(SagaId, InstanceId, "bind failed"), reply);
    }

    [Fact]
    public void Replies_StoppedInstance_ReportsFailureWithStopReason()
    {
        var reply = InstanceReplies.For(InstanceDecider.Fold(InstanceState.Initial, [Requested, Started, Stopped]));

        var failed = Assert.IsType<Surge.Contracts.Instances.InstanceStartFailed>(reply);
        Assert.Equal(SagaId, failed.SagaId);
        Assert.Contains("scale-in", failed.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Replies_StartingInstance_IsNull()
    {
        Assert.Null(InstanceReplies.For(InstanceDecider.Fold(InstanceState.Initial, [Requested])));
    }

    public static TheoryData<object[]> KnownInstances() => new()
    {
        new object[] { Requested },
        new object[] { Requested, Started },
        new object[] { Requested, Failed },
        new object[] { Requested, Started, Stopped },
        new object[] { Requested, Started, Lost },
    };

    public static TheoryData<object[]> InstancesPastStarting() => new()
    {
        new object[] { Requested, Started },
        new object[] { Requested, Failed },
        new object[] { Requested, Stopped },
    };

    public static TheoryData<object[]> StoppableInstances() => new()
    {
        new object[] { Requested },
        new object[] { Requested, Started },
        new object[] { Requested, Failed },
    };

    public static TheoryData<object[]> LosableInstances() => new()
    {
        new object[] { Requested },
        new object[] { Requested, Started },
    };

    public static TheoryData<object[]> InstancesNotRunning() => new()
    {
        new object[] { },
        new object[] { Requested, Failed },
        new object[] { Requested, Started, Stopped },
        new object[] { Requested, Started, Lost },
    };
}
