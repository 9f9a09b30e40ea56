using Surge.Capacity.Scheduling;
using Surge.Capacity.ServiceCatalog;
using static Surge.Capacity.Tests.Scheduling.ModelFleet;

namespace Surge.Capacity.Tests.Scheduling;

/// <summary>What the inventory counts per pool, zone and source, and what new cloud nodes would add.</summary>
public sealed class InventoryTests
{
    private static ModelFleet Fleet(InstanceShapeSpec? shape = null) =>
        new ModelFleet()
            .Pool("feed-pool", overflowProviders: ["public-a", "private-b", "private-a"])
            .Pool("shared-pool", lends: true, maxLendRatio: 0.5, lenderPriority: 1)
            .Service("feed-api", "feed-pool", shape ?? Shape(cpu: 1000, memory: 1024))
            .Subnet("subnet", usable: 1000, pools: ["feed-pool", "shared-pool"])
            .Node("feed-a", "feed-pool", zone: "zone-a", cpu: 2000)
            .Node("feed-b", "feed-pool", zone: "zone-b", cpu: 3000)
            .Node("shared-a", "shared-pool", zone: "zone-a", cpu: 4000)
            .Node("feed-overflow-c", "feed-pool", zone: "zone-c", cpu: 4000, provider: "private-b");

    [Fact]
    public void Inventory_Service_CountsEachCellInSchedulerOrder()
    {
        var report = Fleet().Inventory("feed-api");

        Assert.Equal(
            [
                new InventoryCell("feed-pool", "zone-a", PlacementSource.Own, 2, PlacementDimension.Cpu, 1),
                new InventoryCell("feed-pool", "zone-b", PlacementSource.Own, 3, PlacementDimension.Cpu, 1),
                new InventoryCell("shared-pool", "zone-a", PlacementSource.Borrowed, 2, PlacementDimension.LendLimit, 1),
                new InventoryCell("feed-pool", "zone-c", PlacementSource.Overflow, 4, PlacementDimension.Cpu, 1),
            ],
            report.Cells);
        Assert.Equal(11, report.Fits);
        Assert.Equal(5, report.Own);
        Assert.Equal(2, report.Borrowable);
        Assert.Equal(4, report.Overflow);
        Assert.Equal(PlacementDimension.Cpu, report.Limit);
        Assert.Equal("feed-api", report.Service);
    }

    [Fact]
    public void Inventory_Explain_NamesNodeReasons()
    {
        var fleet = Fleet();

        var plain = fleet.Model.Inventory(Shape(cpu: 1000, memory: 1024), "feed-api", PlacementStrategy.Spread, []);
        var explained = fleet.Model.Inventory(Shape(cpu: 1000, memory: 1024), "feed-api", PlacementStrategy.Spread, [], explain: true);

        Assert.Null(plain.Rejections);
        Assert.Equal(
            [
                ("feed-a", PlacementDimension.Cpu),
                ("feed-b", PlacementDimension.Cpu),
                ("shared-a", PlacementDimension.LendLimit),
                ("feed-overflow-c", PlacementDimension.Cpu),
            ],
            explained.Rejections!.Select(rejection => (rejection.Node, rejection.Dimension)));
        Assert.Equal("0 of 1000 millicores free", explained.Rejections![0].Detail);
    }

    [Fact]
    public void Inventory_ShapeExplain_ListsOwnNodes()
    {
        var explained = Fleet().Model.Inventory(Shape(cpu: 1000, memory: 1024), null, PlacementStrategy.Spread, [], explain: true);

        Assert.Equal(["feed-a", "feed-b", "feed-overflow-c", "shared-a"], explained.Rejections!.Select(rejection => rejection.Node));
    }

    [Fact]
    public void NodesLeft_CountsAwaitedNodes()
    {
        var model = Fleet().Model;
        var provider = new CloudProvider("private-b", CloudKind.Private, new ResourceAmounts(4000, 8192, 0, 0), MaxNodes: 3, ["zone-c"]);

        Assert.Equal(2, model.NodesLeft(provider));
        Assert.Equal(1, model.NodesLeft(provider, new Dictionary<string, int> { ["private-b"] = 1 }));
        Assert.Equal(0, model.NodesLeft(provider, new Dictionary<string, int> { ["private-b"] = 5 }));

        var request = new ModelFleet().Request("feed-api", 20, "feed-pool", Shape(cpu: 1000, memory: 1024));
        Assert.Equal(("private-b", 2), model.PlanOverflow(request, placeable: 11, [provider], tried: []) is { } free ? (free.Provider.Name, free.NodeCount) : default);
        Assert.Null(model.PlanOverflow(request, placeable: 11, [provider], tried: [], new Dictionary<string, int> { ["private-b"] = 2 }));
    }

    [Fact]
    public void Inventory_DoesNotChangeTheModel()
    {
        var fleet = Fleet();

        var first = fleet.Inventory("feed-api");
        var second = fleet.Inventory("feed-api");

        Assert.Equal(first.Cells, second.Cells);
        Assert.Equal(0, fleet.Model.ReservationCount);
    }

    [Fact]
    public void Inventory_ShapeAlone_CountsEachPoolWithoutBorrowing()
    {
        var fleet = Fleet();

        var report = fleet.Model.Inventory(Shape(cpu: 1000, memory: 1024), null, PlacementStrategy.Spread, []);

        Assert.Null(report.Service);
        Assert.Equal(0, report.Borrowable);
        Assert.Equal(9, report.Own);
        Assert.Equal(4, report.Overflow);
        Assert.Equal(
            [("feed-pool", "zone-a", 2L), ("feed-pool", "zone-b", 3L), ("feed-pool", "zone-c", 4L), ("shared-pool", "zone-a", 4L)],
            report.Cells.Select(cell => (cell.Pool, cell.Zone, cell.Fits)));
        Assert.Empty(report.CloudOverflow);
    }

    [Fact]
    public void Inventory_NoUsableNode_IsNoNodes()
    {
        var fleet = new ModelFleet().Pool("feed-pool").Service("feed-api", "feed-pool");

        var report = fleet.Inventory("feed-api");

        Assert.Equal(0, report.Fits);
        Assert.Equal(PlacementDimension.NoNodes, report.Limit);
    }

    [Fact]
    public void CloudOverflow_PrivateBeforePublic()
    {
        var fleet = Fleet(Shape(cpu: 1000, memory: 1024, maxPerNode: 3));
        CloudProvider[] providers =
        [
            new("public-a", CloudKind.Public, new ResourceAmounts(8000, 16384, 0, 0), MaxNodes: 2, ["zone-a"]),
            new("private-a", CloudKind.Private, new ResourceAmounts(2000, 16384, 0, 0), MaxNodes: 3, ["zone-a", "zone-b"]),
            new("private-b", CloudKind.Private, new ResourceAmounts(4000, 16384, 0, 0), MaxNodes: 3, ["zone-a"]),
            new("unlisted", CloudKind.Private, new ResourceAmounts(64000, 65536, 0, 0), MaxNodes: 10, ["zone-a"]),
        ];

        var report = fleet.Inventory("feed-api", providers);

        // private-b already has feed-overflow-c, so two more nodes of 3 instances each (maxPerNode caps 4).
        Assert.Equal(
            [
                new CloudOverflowCapacity("private-b", CloudKind.Private, 2, 3, 6),
                new CloudOverflowCapacity("private-a", CloudKind.Private, 3, 2, 6),
                new CloudOverflowCapacity("public-a", CloudKind.Public, 2, 3, 6),
            ],
            report.CloudOverflow);
    }

    [Fact]
    public void CloudOverflow_ZoneLimitsCapNewNodes()
    {
        var fleet = Fleet(Shape(cpu: 1000, memory: 1024, maxPerZone: 4));
        CloudProvider[] providers = [new("private-b", CloudKind.Private, new ResourceAmounts(4000, 16384, 0, 0), MaxNodes: 5, ["zone-a", "zone-d"])];

        var report = fleet.Inventory("feed-api", providers);

        // zone-a is full after feed-a and shared-a; zone-d is new, so its two nodes hold maxPerZone between them.
        var overflow = Assert.Single(report.CloudOverflow);
        Assert.Equal(4, overflow.NodesLeft);
        Assert.Equal(4, overflow.PerNode);
        Assert.Equal(4, overflow.Fits);
    }

    [Fact]
    public void CloudOverflow_RequiredLabels_NewNodesHoldNone()
    {
        var fleet = Fleet(Shape(cpu: 1000, memory: 1024, requiredLabels: new Dictionary<string, string> { ["disk"] = "ssd" }));
        CloudProvider[] providers = [new("private-a", CloudKind.Private, new ResourceAmounts(4000, 16384, 0, 0), MaxNodes: 5, ["zone-a"])];

        var overflow = Assert.Single(fleet.Inventory("feed-api", providers).CloudOverflow);

        Assert.Equal(0, overflow.PerNode);
        Assert.Equal(0, overflow.Fits);
    }
}
