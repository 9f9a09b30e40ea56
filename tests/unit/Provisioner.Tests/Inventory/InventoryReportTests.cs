using Surge.Contracts.Inventory;
using Surge.Provisioner.Instances;
using Surge.Provisioner.Inventory;
using Surge.Provisioner.Querying;

namespace Surge.Provisioner.Tests.Inventory;

public sealed class InventoryReportTests
{
    private static readonly DateTimeOffset At = new(2026, 5, 1, 12, 0, 0, TimeSpan.Zero);

    private static InstanceView View(string id, string node, InstanceStatus status, string address = "127.42.0.10", string service = "checkout") => new()
    {
        Stream = InstanceStream.Key(Guid.Parse(id)),
        InstanceId = Guid.Parse(id),
        Service = service,
        Node = node,
        Address = address,
        Status = status,
    };

    private const string First = "00000000-0000-0000-0000-000000000001";
    private const string Second = "00000000-0000-0000-0000-000000000002";
    private const string Third = "00000000-0000-0000-0000-000000000003";

    [Fact]
    public void Build_StartedInstance_IsReportedWithAddress()
    {
        var report = InventoryReport.Build([View(First, "node-1", InstanceStatus.Started)], [], At);

        Assert.Equal([new ReportedInstance(Guid.Parse(First), "checkout", "node-1", "127.42.0.10")], report.Instances);
        Assert.Empty(report.UnreachableNodes);
        Assert.Equal(At, report.At);
    }

    [Fact]
    public void Build_RequestedInstance_IsReportedAsStarting()
    {
        // An instance whose start has not finished already holds its address; leaving it out would make Ipam release it.
        var report = InventoryReport.Build([View(First, "node-1", InstanceStatus.Requested)], [], At);

        Assert.Equal(Guid.Parse(First), Assert.Single(report.Instances).InstanceId);
    }

    [Theory]
    [InlineData(InstanceStatus.StartFailed)]
    [InlineData(InstanceStatus.Stopped)]
    [InlineData(InstanceStatus.Lost)]
    [InlineData(InstanceStatus.None)]
    public void Build_InstanceNotRunning_IsLeftOut(InstanceStatus status)
    {
        var report = InventoryReport.Build([View(First, "node-1", status)], [], At);

        Assert.Empty(report.Instances);
    }

    [Fact]
    public void Build_UnreachableNode_ListsNodeWithoutItsInstances()
    {
        var views = new[]
        {
            View(First, "node-1", InstanceStatus.Started),
            View(Second, "node-2", InstanceStatus.Started),
            View(Third, "node-2", InstanceStatus.Requested),
        };

        var report = InventoryReport.Build(views, ["node-2"], At);

        Assert.Equal(Guid.Parse(First), Assert.Single(report.Instances).InstanceId);
        Assert.Equal(["node-2"], report.UnreachableNodes);
    }

    [Fact]
    public void Build_UnreachableNodeWithoutInstances_IsListed()
    {
        var report = InventoryReport.Build([], ["node-9", "node-3"], At);

        Assert.Empty(report.Instances);
        Assert.Equal(["node-3", "node-9"], report.UnreachableNodes);
    }

    [Fact]
    public void Build_DuplicateUnreachableNode_IsListedOnce()
    {
        var report = InventoryReport.Build([], ["node-3", "node-3"], At);

        Assert.Equal(["node-3"], report.UnreachableNodes);
    }

    [Fact]
    public void Build_Instances_AreOrderedByNodeThenId()
    {
        var views = new[]
        {
            View(Third, "node-1", InstanceStatus.Started),
            View(First, "node-2", InstanceStatus.Started),
            View(Second, "node-1", InstanceStatus.Requested),
        };

        var report = InventoryReport.Build(views, [], At);

        Assert.Equal([Guid.Parse(Second), Guid.Parse(Third), Guid.Parse(First)], report.Instances.Select(instance => instance.InstanceId));
    }

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    public void Build_BlankAddress_IsReportedAsUnknown(string address)
    {
        var report = InventoryReport.Build([View(First, "node-1", InstanceStatus.Requested, address)], [], At);

        Assert.Null(Assert.Single(report.Instances).Address);
    }

    [Fact]
    public void Build_Service_IsCarried()
    {
        var report = InventoryReport.Build([View(First, "node-1", InstanceStatus.Started, service: "search")], [], At);

        Assert.Equal("search", Assert.Single(report.Instances).Service);
    }
}
