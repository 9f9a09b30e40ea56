using Surge.Cli.Commands;
using Surge.Cli.Demo;
using Surge.Cli.Http;

namespace Surge.Cli.Tests;

public class DemoTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(90);

    [Fact]
    public void FailureReason_AllServed_IsNull()
    {
        var tally = Tally("i-1", "i-2", "old");

        Assert.Null(DemoVerdict.FailureReason(Saga("Completed", "i-1", "i-2"), tally, Timeout));
    }

    [Fact]
    public void FailureReason_InstanceWithoutRequests_NamesIt()
    {
        var reason = DemoVerdict.FailureReason(Saga("Completed", "i-1", "i-2"), Tally("i-1"), Timeout);

        Assert.NotNull(reason);
        Assert.Contains("i-2", reason);
    }

    [Theory]
    [InlineData("Failed")]
    [InlineData("Declined")]
    [InlineData("StartingInstances")]
    public void FailureReason_SagaNotCompleted_NamesStatus(string status)
    {
        var reason = DemoVerdict.FailureReason(Saga(status, "i-1"), Tally("i-1"), Timeout);

        Assert.NotNull(reason);
        Assert.Contains(status, reason);
    }

    [Fact]
    public void FailureReason_NoSagaView_Fails()
    {
        Assert.NotNull(DemoVerdict.FailureReason(null, Tally(), Timeout));
    }

    [Fact]
    public void FailureReason_CompletedWithoutInstances_Fails()
    {
        Assert.NotNull(DemoVerdict.FailureReason(Saga("Completed"), Tally(), Timeout));
    }

    [Fact]
    public void StartedSagaId_StartedOutcome_ReturnsItsSaga()
    {
        var response = new AlertIntakeResponse([new AlertOutcomeView("f", "started", "saga-1", "ok")]);

        Assert.Equal("saga-1", DemoCommand.StartedSagaId(response));
    }

    [Fact]
    public void StartedSagaId_DuplicateOutcome_FailsWithDetail()
    {
        var response = new AlertIntakeResponse([new AlertOutcomeView("f", "duplicate", "saga-1", "The incident already has a saga.")]);

        var error = Assert.Throws<CliFailureException>(() => DemoCommand.StartedSagaId(response));

        Assert.Contains("The incident already has a saga.", error.Message);
    }

    [Fact]
    public void StartedSagaId_NoOutcome_Fails()
    {
        Assert.Throws<CliFailureException>(() => DemoCommand.StartedSagaId(new AlertIntakeResponse([])));
    }

    private static SagaView Saga(string status, params string[] instanceIds) => new(
        "saga-1", "feed-api", status, 3, null, null, null,
        instanceIds.Select(id => new SagaInstanceView(id, "node-1", "127.42.0.10", null)).ToList());

    private static TrafficTally Tally(params string[] servedBy)
    {
        var tally = new TrafficTally();
        foreach (var instanceId in servedBy)
        {
            tally.RecordResponse(instanceId, null);
        }

        return tally;
    }

    [Fact]
    public void InvariantFailure_CleanReport_IsNull()
    {
        var report = new InvariantReport(DateTimeOffset.UnixEpoch, true, 0, new InvariantCounts(3, 3, 3, 3), []);

        Assert.Null(DemoVerdict.InvariantFailure(report));
    }

    [Fact]
    public void InvariantFailure_Findings_NamesCount()
    {
        var finding = new InvariantFinding("address-leaked", "leak", ["i-1"], "Address 127.42.0.2 is allocated to a stopped instance.");
        var report = new InvariantReport(DateTimeOffset.UnixEpoch, false, 0, new InvariantCounts(1, 1, 1, 1), [finding]);

        Assert.Contains("1", DemoVerdict.InvariantFailure(report));
    }

    [Fact]
    public void InvariantFailure_CheckNotRun_IsReason()
    {
        Assert.NotNull(DemoVerdict.InvariantFailure(null));
    }
}
