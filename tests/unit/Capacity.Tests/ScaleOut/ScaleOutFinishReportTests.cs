using Surge.Capacity.ScaleOut;
using static Surge.Capacity.Tests.ScaleOut.SagaScenario;

namespace Surge.Capacity.Tests.ScaleOut;

public sealed class ScaleOutFinishReportTests
{
    private static readonly Guid Rollout = Guid.Parse("0195a000-0000-7000-8000-0000000000b1");

    private static ScaleOutRequested RequestedByRollout =>
        Requested with { Trigger = new ScaleOutTrigger("saga", null, null, null, null, "rollout", Rollout), Shape = Shape with { Image = "registry.local/feed-api:2.0.0" } };

    [Fact]
    public void Completed_ReportsReadyInstancesToRequester()
    {
        var state = Given([RequestedByRollout, Placed, Assigned, Ready(First), Ready(Second), Ready(Third), RegisteringAll, new ScaleOutCompleted(3, Now)]);

        var report = ScaleOutFinishReport.For(state);

        Assert.NotNull(report);
        Assert.Equal((Rollout, SagaId, "Completed"), (report.SagaId, report.ScaleOutSagaId, report.Status));
        Assert.Equal([First, Second, Third], report.Instances.Select(i => i.InstanceId));
        Assert.All(report.Instances, i => Assert.Equal("registry.local/feed-api:2.0.0", i.Image));
        Assert.Equal("127.42.0.2", report.Instances[0].Address);
        Assert.Null(report.Reason);
    }

    [Fact]
    public void NoRequester_NoReport()
    {
        var state = Given([Requested, Placed, Assigned, Ready(First), Ready(Second), Ready(Third), RegisteringAll, new ScaleOutCompleted(3, Now)]);

        Assert.Null(ScaleOutFinishReport.For(state));
    }

    [Fact]
    public void Running_NoReport()
    {
        Assert.Null(ScaleOutFinishReport.For(Given([RequestedByRollout, Placed])));
    }

    [Fact]
    public void BackendsRegistered_ReportReady()
    {
        var registering = Given([RequestedByRollout, Placed, Assigned, Ready(First), Ready(Second), Ready(Third), RegisteringAll]);

        var step = When(registering, new Contracts.Backends.BackendsRegistered(SagaId, "feed-api", [First, Second, Third]));

        Assert.Equal(ScaleOutStatus.Completed, step.State.Status);
        Assert.NotNull(ScaleOutFinishReport.For(step.State));
    }
}
