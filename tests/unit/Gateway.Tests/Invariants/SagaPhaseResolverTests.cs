using Surge.Gateway.Invariants;

namespace Surge.Gateway.Tests.Invariants;

public sealed class SagaPhaseResolverTests
{
    private static readonly DateTimeOffset Start = new(2025, 3, 1, 12, 0, 0, TimeSpan.Zero);

    private static SagaRecord Saga(string status, int minutesAfterStart) =>
        new(Guid.NewGuid(), status, Start.AddMinutes(minutesAfterStart));

    private static SagaListing Listing(params (string Status, IReadOnlyList<SagaRecord> Sagas)[] pages) =>
        new(SagaListing.Statuses.ToDictionary(
            status => status,
            status => pages.FirstOrDefault(page => page.Status == status).Sagas ?? []));

    [Theory]
    [InlineData("Requested", SagaPhase.Running)]
    [InlineData("AllocatingAddresses", SagaPhase.Running)]
    [InlineData("StartingInstances", SagaPhase.Running)]
    [InlineData("RegisteringBackends", SagaPhase.Running)]
    [InlineData("Compensating", SagaPhase.Running)]
    [InlineData("SomeFutureStatus", SagaPhase.Running)]
    [InlineData("Completed", SagaPhase.Completed)]
    [InlineData("PartiallyCompleted", SagaPhase.PartiallyCompleted)]
    [InlineData("Failed", SagaPhase.Failed)]
    [InlineData("Cancelled", SagaPhase.Cancelled)]
    [InlineData("Declined", SagaPhase.Declined)]
    public void PhaseOf_Status_ReturnsPhase(string status, SagaPhase expected)
    {
        Assert.Equal(expected, SagaPhaseResolver.PhaseOf(status));
    }

    [Fact]
    public void Resolve_ListedSagas_TakeTheirStatus()
    {
        var completed = Saga("Completed", 1);
        var failed = Saga("Failed", 2);
        var running = Saga("StartingInstances", 3);

        var phases = SagaPhaseResolver.Resolve(Listing(("Completed", [completed]), ("Failed", [failed]), ("StartingInstances", [running])), []);

        Assert.Equal(SagaPhase.Completed, phases[completed.SagaId]);
        Assert.Equal(SagaPhase.Failed, phases[failed.SagaId]);
        Assert.Equal(SagaPhase.Running, phases[running.SagaId]);
    }

    [Fact]
    public void Resolve_SagaListedAsRunningAndCompleted_IsRunning()
    {
        var saga = Saga("Completed", 1);

        var phases = SagaPhaseResolver.Resolve(Listing(("Completed", [saga]), ("RegisteringBackends", [saga with { Status = "RegisteringBackends" }])), []);

        Assert.Equal(SagaPhase.Running, phases[saga.SagaId]);
    }

    [Fact]
    public void Resolve_LookedUpFinishedSagaMissingFromShortPage_IsRunning()
    {
        var saga = Saga("Completed", 5);

        var phases = SagaPhaseResolver.Resolve(Listing(("Completed", [Saga("Completed", 1)])), [saga]);

        Assert.Equal(SagaPhase.Running, phases[saga.SagaId]);
    }

    [Fact]
    public void Resolve_LookedUpSagaOlderThanFullPage_IsSettled()
    {
        var page = Enumerable.Range(10, SagaListing.Limit).Select(minutes => Saga("Completed", minutes)).ToList();
        var old = Saga("Completed", 1);

        var phases = SagaPhaseResolver.Resolve(Listing(("Completed", page)), [old]);

        Assert.Equal(SagaPhase.Completed, phases[old.SagaId]);
    }

    [Fact]
    public void Resolve_LookedUpSagaNewerThanFullPage_IsRunning()
    {
        var page = Enumerable.Range(10, SagaListing.Limit).Select(minutes => Saga("Failed", minutes)).ToList();
        var fresh = Saga("Failed", 1000);

        var phases = SagaPhaseResolver.Resolve(Listing(("Failed", page)), [fresh]);

        Assert.Equal(SagaPhase.Running, phases[fresh.SagaId]);
    }

    [Fact]
    public void Resolve_LookedUpRunningSaga_IsRunning()
    {
        var saga = Saga("AllocatingAddresses", 1);

        var phases = SagaPhaseResolver.Resolve(Listing(), [saga]);

        Assert.Equal(SagaPhase.Running, phases[saga.SagaId]);
    }

    [Fact]
    public void Resolve_SagaNeitherListedNorFound_IsAbsent()
    {
        var phases = SagaPhaseResolver.Resolve(Listing(), []);

        Assert.Empty(phases);
    }
}
