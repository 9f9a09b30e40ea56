using Surge.Gateway.Invariants;

namespace Surge.Gateway.Tests.Invariants;

public sealed class InvariantCheckerTests
{
    private static readonly DateTimeOffset Now = new(2025, 3, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly Guid InstanceA = Guid.Parse("00000000-0000-0000-0000-00000000000a");
    private static readonly Guid InstanceB = Guid.Parse("00000000-0000-0000-0000-00000000000b");
    private static readonly Guid InstanceC = Guid.Parse("00000000-0000-0000-0000-00000000000c");
    private static readonly Guid CompletedSaga = Guid.Parse("00000000-0000-0000-0000-000000000c01");
    private static readonly Guid FailedSaga = Guid.Parse("00000000-0000-0000-0000-000000000f01");
    private static readonly Guid RunningSaga = Guid.Parse("00000000-0000-0000-0000-000000000a01");
    private static readonly Guid UnknownSaga = Guid.Parse("00000000-0000-0000-0000-000000000d01");

    private static FleetBuilder Fleet() => new FleetBuilder()
        .Node("node-1")
        .Node("node-2")
        .Saga(CompletedSaga, SagaPhase.Completed)
        .Saga(FailedSaga, SagaPhase.Failed)
        .Saga(RunningSaga, SagaPhase.Running);

    private static InvariantReport Check(FleetBuilder fleet) => InvariantChecker.Check(fleet.Build(), Now);

    private static InvariantFinding SingleFinding(FleetBuilder fleet, string kind, string severity, params Guid[] instanceIds)
    {
        var report = Check(fleet);

        var finding = Assert.Single(report.Findings);
        Assert.False(report.Clean);
        Assert.Equal(kind, finding.Kind);
        Assert.Equal(severity, finding.Severity);
        Assert.Equal(instanceIds, finding.InstanceIds);
        return finding;
    }

    [Fact]
    public void Check_CleanFleet_ReportsNothing()
    {
        var fleet = Fleet()
            .Serving(InstanceA, CompletedSaga, "127.77.9.2", "node-1")
            .Serving(InstanceB, CompletedSaga, "127.77.9.3", "node-2")
            .Instance(InstanceC, FailedSaga, "StartFailed", "127.77.9.4");

        var report = Check(fleet);

        Assert.True(report.Clean);
        Assert.Empty(report.Findings);
        Assert.Equal(0, report.InFlightInstances);
        Assert.Equal(new InvariantCounts(Reservations: 2, Allocations: 2, Instances: 3, Backends: 2), report.Counts);
        Assert.Equal(Now, report.CheckedAt);
    }

    [Fact]
    public void Check_EmptyFleet_IsClean()
    {
        var report = Check(new FleetBuilder());

        Assert.True(report.Clean);
        Assert.Equal(new InvariantCounts(0, 0, 0, 0), report.Counts);
    }

    [Fact]
    public void Check_AddressAllocatedToTwoInstances_ReportsDuplicate()
    {
        var fleet = Fleet()
            .Reservation(InstanceA, CompletedSaga).Allocation(InstanceA, CompletedSaga, "127.77.9.5").Instance(InstanceA, CompletedSaga, "Requested", "127.77.9.5")
            .Reservation(InstanceB, CompletedSaga).Allocation(InstanceB, CompletedSaga, "127.77.9.5", subnet: "other-net").Instance(InstanceB, CompletedSaga, "Requested", "127.77.9.5");

        var finding = SingleFinding(fleet, FindingKinds.AddressAllocatedTwice, FindingKinds.Duplicate, InstanceA, InstanceB);

        Assert.Contains("127.77.9.5", finding.Detail);
        Assert.Contains("feed-net, other-net", finding.Detail);
    }

    [Fact]
    public void Check_AddressUsedByTwoStartedInstances_ReportsDuplicate()
    {
        var fleet = Fleet()
            .Serving(InstanceA, CompletedSaga, "127.77.9.5")
            .Serving(InstanceB, CompletedSaga, "127.77.9.5");

        var report = Check(fleet);

        var finding = Assert.Single(report.Findings, f => f.Kind == FindingKinds.AddressUsedTwice);
        Assert.Equal(FindingKinds.Duplicate, finding.Severity);
        Assert.Equal([InstanceA, InstanceB], finding.InstanceIds);
        Assert.Contains("127.77.9.5", finding.Detail);
    }

    [Fact]
    public void Check_AddressUsedByStartedAndStoppedInstance_IsNotDuplicate()
    {
        var fleet = Fleet()
            .Serving(InstanceA, CompletedSaga, "127.77.9.5")
            .Instance(InstanceB, FailedSaga, "Stopped", "127.77.9.5");

        Assert.True(Check(fleet).Clean);
    }

    [Fact]
    public void Check_InstanceWithTwoAllocations_ReportsDuplicate()
    {
        var fleet = Fleet()
            .Serving(InstanceA, CompletedSaga, "127.77.9.5")
            .Allocation(InstanceA, CompletedSaga, "127.77.9.6");

        var finding = SingleFinding(fleet, FindingKinds.InstanceAllocatedTwice, FindingKinds.Duplicate, InstanceA);

        Assert.Contains("127.77.9.5 in feed-net, 127.77.9.6 in feed-net", finding.Detail);
    }

    [Fact]
    public void Check_InstanceReservedOnTwoNodes_ReportsDuplicate()
    {
        var fleet = Fleet()
            .Serving(InstanceA, CompletedSaga, "127.77.9.5", "node-1")
            .Reservation(InstanceA, CompletedSaga, "node-2");

        var finding = SingleFinding(fleet, FindingKinds.InstanceReservedTwice, FindingKinds.Duplicate, InstanceA);

        Assert.Contains("node-1, node-2", finding.Detail);
    }

    [Fact]
    public void Check_EndpointUsedByTwoInstances_ReportsDuplicate()
    {
        const string shared = "http://127.0.0.1:41000";
        var fleet = Fleet()
            .Reservation(InstanceA, CompletedSaga).Allocation(InstanceA, CompletedSaga, "127.77.9.5")
            .Instance(InstanceA, CompletedSaga, "Started", "127.77.9.5", shared).Backend(InstanceA, CompletedSaga, shared)
            .Reservation(InstanceB, CompletedSaga).Allocation(InstanceB, CompletedSaga, "127.77.9.6")
            .Instance(InstanceB, CompletedSaga, "Started", "127.77.9.6", shared).Backend(InstanceB, CompletedSaga, shared + "/");

        var finding = SingleFinding(fleet, FindingKinds.EndpointUsedTwice, FindingKinds.Duplicate, InstanceA, InstanceB);

        Assert.Contains(shared, finding.Detail);
    }

    [Fact]
    public void Check_AddressOfStoppedInstanceWithoutReservation_ReportsLeak()
    {
        var fleet = Fleet()
            .Allocation(InstanceA, FailedSaga, "127.77.9.5")
            .Instance(InstanceA, FailedSaga, "Stopped", "127.77.9.5");

        var finding = SingleFinding(fleet, FindingKinds.AddressLeaked, FindingKinds.Leak, InstanceA);

        Assert.Contains("127.77.9.5", finding.Detail);
        Assert.Contains("Stopped", finding.Detail);
    }

    [Fact]
    public void Check_AddressOfInstanceUnknownToProvisioner_ReportsLeak()
    {
        var fleet = Fleet().Allocation(InstanceA, FailedSaga, "127.77.9.5");

        var finding = SingleFinding(fleet, FindingKinds.AddressLeaked, FindingKinds.Leak, InstanceA);

        Assert.Contains("unknown to Provisioner", finding.Detail);
    }

    [Fact]
    public void Check_AddressOfRequestedInstance_IsNotLeak()
    {
        var fleet = Fleet()
            .Allocation(InstanceA, CompletedSaga, "127.77.9.5")
            .Instance(InstanceA, CompletedSaga, "Requested", "127.77.9.5");

        Assert.True(Check(fleet).Clean);
    }

    [Fact]
    public void Check_ReservationOfFailedInstance_ReportsLeak()
    {
        var fleet = Fleet()
            .Reservation(InstanceA, FailedSaga, "node-2")
            .Instance(InstanceA, FailedSaga, "StartFailed", "127.77.9.5");

        var finding = SingleFinding(fleet, FindingKinds.ReservationLeaked, FindingKinds.Leak, InstanceA);

        Assert.Contains("node-2", finding.Detail);
        Assert.Contains("StartFailed", finding.Detail);
    }

    [Fact]
    public void Check_ReservationWithAddressOfStoppedInstance_ReportsReservationLeak()
    {
        var fleet = Fleet()
            .Reservation(InstanceA, FailedSaga)
            .Allocation(InstanceA, FailedSaga, "127.77.9.5")
            .Instance(InstanceA, FailedSaga, "Stopped", "127.77.9.5");

        SingleFinding(fleet, FindingKinds.ReservationLeaked, FindingKinds.Leak, InstanceA);
    }

    [Fact]
    public void Check_StartedInstanceWithoutReservation_ReportsLeak()
    {
        var fleet = Fleet().Serving(InstanceA, CompletedSaga, "127.77.9.5").WithoutReservations();

        SingleFinding(fleet, FindingKinds.InstanceWithoutReservation, FindingKinds.Leak, InstanceA);
    }

    [Fact]
    public void Check_StartedInstanceWithoutAddress_ReportsLeak()
    {
        var fleet = Fleet().Serving(InstanceA, CompletedSaga, "127.77.9.5").WithoutAllocations();

        var finding = SingleFinding(fleet, FindingKinds.InstanceWithoutAddress, FindingKinds.Leak, InstanceA);

        Assert.Contains("127.77.9.5", finding.Detail);
    }

    [Fact]
    public void Check_StartedInstanceWithOtherAddressThanIpam_ReportsLeak()
    {
        var fleet = Fleet()
            .Reservation(InstanceA, CompletedSaga)
            .Allocation(InstanceA, CompletedSaga, "127.77.9.6")
            .Instance(InstanceA, CompletedSaga, "Started", "127.77.9.5", FleetBuilder.EndpointOf("127.77.9.5"))
            .Backend(InstanceA, CompletedSaga, FleetBuilder.EndpointOf("127.77.9.5"));

        var finding = SingleFinding(fleet, FindingKinds.AddressMismatch, FindingKinds.Leak, InstanceA);

        Assert.Contains("runs at 127.77.9.5 but Ipam allocated it 127.77.9.6", finding.Detail);
    }

    [Fact]
    public void Check_BackendOfStoppedInstance_ReportsLeak()
    {
        var fleet = Fleet()
            .Instance(InstanceA, FailedSaga, "Stopped", "127.77.9.5", FleetBuilder.EndpointOf("127.77.9.5"))
            .Backend(InstanceA, FailedSaga, FleetBuilder.EndpointOf("127.77.9.5"));

        var finding = SingleFinding(fleet, FindingKinds.BackendNotStarted, FindingKinds.Leak, InstanceA);

        Assert.Contains("Stopped", finding.Detail);
        Assert.Contains(FleetBuilder.Service, finding.Detail);
    }

    [Fact]
    public void Check_BackendOfInstanceUnknownToProvisioner_ReportsLeak()
    {
        var fleet = Fleet().Backend(InstanceA, UnknownSaga, FleetBuilder.EndpointOf("127.77.9.5"));

        var finding = SingleFinding(fleet, FindingKinds.BackendNotStarted, FindingKinds.Leak, InstanceA);

        Assert.Contains("unknown to Provisioner", finding.Detail);
    }

    [Fact]
    public void Check_BackendWithOtherEndpointThanInstance_ReportsLeak()
    {
        var fleet = Fleet()
            .Reservation(InstanceA, CompletedSaga)
            .Allocation(InstanceA, CompletedSaga, "127.77.9.5")
            .Instance(InstanceA, CompletedSaga, "Started", "127.77.9.5", "http://127.77.9.5:8080")
            .Backend(InstanceA, CompletedSaga, "http://127.77.9.5:9090");

        var finding = SingleFinding(fleet, FindingKinds.BackendEndpointMismatch, FindingKinds.Leak, InstanceA);

        Assert.Contains("routes traffic to http://127.77.9.5:9090", finding.Detail);
        Assert.Contains("serves at http://127.77.9.5:8080", finding.Detail);
    }

    [Fact]
    public void Check_StartedInstanceOfCompletedSagaNotBackend_ReportsLeak()
    {
        var fleet = Fleet().Serving(InstanceA, CompletedSaga, "127.77.9.5").WithoutBackends();

        var finding = SingleFinding(fleet, FindingKinds.InstanceNotServing, FindingKinds.Leak, InstanceA);

        Assert.Contains(CompletedSaga.ToString(), finding.Detail);
    }

    [Fact]
    public void Check_StartedInstanceOfPartiallyCompletedSagaNotBackend_ReportsLeak()
    {
        var partial = Guid.Parse("00000000-0000-0000-0000-000000000b01");
        var fleet = Fleet().Saga(partial, SagaPhase.PartiallyCompleted).Serving(InstanceA, partial, "127.77.9.5").WithoutBackends();

        SingleFinding(fleet, FindingKinds.InstanceNotServing, FindingKinds.Leak, InstanceA);
    }

    [Fact]
    public void Check_StartedInstanceOfUnknownSagaNotBackend_IsNotReportedAsNotServing()
    {
        var fleet = Fleet().Serving(InstanceA, UnknownSaga, "127.77.9.5").WithoutBackends();

        Assert.True(Check(fleet).Clean);
    }

    [Theory]
    [InlineData(1000, 8192)]
    [InlineData(4000, 1000)]
    public void Check_NodeReservedAboveAllocatable_ReportsOvercommit(int cpuMillicores, int memoryMiB)
    {
        var fleet = Fleet()
            .Node("small", cpuMillicores, memoryMiB)
            .Serving(InstanceA, CompletedSaga, "127.77.9.5", "small")
            .Serving(InstanceB, CompletedSaga, "127.77.9.6", "small")
            .Serving(InstanceC, CompletedSaga, "127.77.9.7", "small");

        var finding = SingleFinding(fleet, FindingKinds.NodeOvercommitted, FindingKinds.Overcommit, InstanceA, InstanceB, InstanceC);

        Assert.Contains($"Node small has 1500 of {cpuMillicores} millicores and 1536 of {memoryMiB} MiB reserved", finding.Detail);
    }

    [Fact]
    public void Check_NodeReservedExactlyToAllocatable_IsNotOvercommitted()
    {
        var fleet = Fleet()
            .Node("small", 1000, 1024)
            .Serving(InstanceA, CompletedSaga, "127.77.9.5", "small")
            .Serving(InstanceB, CompletedSaga, "127.77.9.6", "small");

        Assert.True(Check(fleet).Clean);
    }

    [Fact]
    public void Check_InstancesOfRunningSaga_SkipsLeaksAndCountsThem()
    {
        var fleet = Fleet()
            .Reservation(InstanceA, RunningSaga)
            .Reservation(InstanceB, RunningSaga).Allocation(InstanceB, RunningSaga, "127.77.9.6")
            .Instance(InstanceB, RunningSaga, "Started", "127.77.9.6", FleetBuilder.EndpointOf("127.77.9.6"))
            .Instance(InstanceC, RunningSaga, "Stopped", "127.77.9.7", FleetBuilder.EndpointOf("127.77.9.7"))
            .Allocation(InstanceC, RunningSaga, "127.77.9.7")
            .Backend(InstanceC, RunningSaga, FleetBuilder.EndpointOf("127.77.9.7"));

        var report = Check(fleet);

        Assert.True(report.Clean);
        Assert.Empty(report.Findings);
        Assert.Equal(3, report.InFlightInstances);
        Assert.Equal(new InvariantCounts(Reservations: 2, Allocations: 2, Instances: 2, Backends: 1), report.Counts);
    }

    [Fact]
    public void Check_InstanceWithOneRecordOfRunningSaga_IsInFlight()
    {
        var fleet = Fleet()
            .Reservation(InstanceA, RunningSaga)
            .Instance(InstanceA, CompletedSaga, "Stopped", "127.77.9.5");

        var report = Check(fleet);

        Assert.True(report.Clean);
        Assert.Equal(1, report.InFlightInstances);
    }

    [Fact]
    public void Check_InstancesOfRunningSaga_StillReportsDuplicates()
    {
        var fleet = Fleet()
            .Reservation(InstanceA, RunningSaga, "node-1")
            .Reservation(InstanceA, RunningSaga, "node-2");

        var report = Check(fleet);

        var finding = Assert.Single(report.Findings);
        Assert.Equal(FindingKinds.InstanceReservedTwice, finding.Kind);
        Assert.Equal(1, report.InFlightInstances);
    }

    [Fact]
    public void Check_InstancesOfRunningSaga_StillReportsOvercommit()
    {
        var fleet = Fleet()
            .Node("small", 500, 8192)
            .Reservation(InstanceA, RunningSaga, "small")
            .Reservation(InstanceB, RunningSaga, "small");

        var finding = Assert.Single(Check(fleet).Findings);

        Assert.Equal(FindingKinds.NodeOvercommitted, finding.Kind);
    }

    [Fact]
    public void Check_InstanceOfUnknownSaga_IsCheckedForLeaks()
    {
        var fleet = Fleet().Reservation(InstanceA, UnknownSaga);

        var report = Check(fleet);

        Assert.Equal(FindingKinds.ReservationLeaked, Assert.Single(report.Findings).Kind);
        Assert.Equal(0, report.InFlightInstances);
    }

    [Fact]
    public void Check_SeveralViolations_ListsDuplicatesThenOvercommitThenLeaks()
    {
        var fleet = Fleet()
            .Node("small", 500, 8192)
            .Reservation(InstanceA, FailedSaga, "small")
            .Reservation(InstanceA, FailedSaga, "node-1")
            .Reservation(InstanceB, FailedSaga, "small");

        var kinds = Check(fleet).Findings.Select(finding => finding.Kind);

        Assert.Equal(
            [FindingKinds.InstanceReservedTwice, FindingKinds.NodeOvercommitted, FindingKinds.ReservationLeaked, FindingKinds.ReservationLeaked, FindingKinds.ReservationLeaked],
            kinds);
    }
}
