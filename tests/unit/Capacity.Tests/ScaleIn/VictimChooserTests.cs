using Surge.Capacity.Nodes;
using Surge.Capacity.ScaleIn;

namespace Surge.Capacity.Tests.ScaleIn;

public sealed class VictimChooserTests
{
    private static readonly DateTimeOffset Start = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly Guid ScaleOutSaga = Guid.Parse("0195c000-0000-7000-8000-000000000001");
    private static readonly Guid OtherScaleIn = Guid.Parse("0195c000-0000-7000-8000-000000000002");

    private static Guid Id(int n) => Guid.Parse($"0195c000-0000-7000-8000-0000000000{n:x2}");

    private static Reservation Committed(int n, int minutes, string service = "feed-api") =>
        new(Id(n), ScaleOutSaga, service, 500, 512, Committed: true, ReservedAt: Start.AddMinutes(minutes));

    private static NodeView Node(string name, string pool, params Reservation[] reservations) =>
        new(NodeView.StreamKey(name), name, new NodeSpec(pool, "zone-a", null, 8000, 16384), reservations);

    private static NodeView OverflowNode(string name, string pool, params Reservation[] reservations) =>
        new(NodeView.StreamKey(name), name, new NodeSpec(pool, "zone-a", null, 16000, 65536, Provider: "private-cloud"), reservations);

    private static VictimChoice Choose(int count, int minInstances, params NodeView[] nodes) =>
        VictimChooser.Choose("feed-api", "feed-pool", minInstances, count, nodes, new Dictionary<Guid, string> { [Id(1)] = "http://127.42.0.2:8080" });

    [Fact]
    public void Choose_BorrowedAndOwn_TakesBorrowedFirst()
    {
        var own = Node("feed-node-1", "feed-pool", Committed(1, minutes: 30));
        var borrowed = Node("shared-node-1", "shared-pool", Committed(2, minutes: 1));

        var choice = Choose(1, 0, own, borrowed);

        var victim = Assert.Single(choice.Victims);
        Assert.Equal(Id(2), victim.InstanceId);
        Assert.True(victim.Borrowed);
        Assert.Equal("shared-pool", victim.Pool);
        Assert.Equal("shared-node-1", victim.Node);
    }

    [Fact]
    public void Choose_SamePool_TakesNewestFirst()
    {
        var node = Node("feed-node-1", "feed-pool", Committed(1, minutes: 1), Committed(2, minutes: 3), Committed(3, minutes: 2));

        var choice = Choose(2, 0, node);

        Assert.Equal([Id(2), Id(3)], choice.Victims.Select(v => v.InstanceId));
    }

    [Fact]
    public void Choose_SameReservationTime_OrdersByInstanceId()
    {
        var first = Node("feed-node-1", "feed-pool", Committed(4, minutes: 1));
        var second = Node("feed-node-2", "feed-pool", Committed(3, minutes: 1));

        var choice = Choose(2, 0, first, second);

        Assert.Equal([Id(3), Id(4)], choice.Victims.Select(v => v.InstanceId));
    }

    [Fact]
    public void Choose_ReservationWithoutTime_RanksAsOldest()
    {
        var node = Node("feed-node-1", "feed-pool", Committed(1, minutes: 1) with { ReservedAt = null }, Committed(2, minutes: 1));

        var choice = Choose(1, 0, node);

        Assert.Equal(Id(2), Assert.Single(choice.Victims).InstanceId);
    }

    [Fact]
    public void Choose_MarkedUncommittedOrOtherService_Excluded()
    {
        var node = Node("feed-node-1", "feed-pool",
            Committed(1, minutes: 1),
            Committed(2, minutes: 5) with { ReleasingSagaId = OtherScaleIn },
            Committed(3, minutes: 6) with { Committed = false },
            Committed(4, minutes: 7, service: "search-api"));

        var candidates = VictimChooser.Candidates("feed-api", "feed-pool", [node], new Dictionary<Guid, string>());

        Assert.Equal([Id(1)], candidates.Select(v => v.InstanceId));
    }

    [Fact]
    public void Choose_CountAboveMinimum_ChoosesNoneAndReportsRemovable()
    {
        var node = Node("feed-node-1", "feed-pool", Committed(1, minutes: 1), Committed(2, minutes: 2), Committed(3, minutes: 3));

        var choice = Choose(2, minInstances: 2, node);

        Assert.Empty(choice.Victims);
        Assert.Equal(3, choice.RunningCount);
        Assert.Equal(1, choice.RemovableCount);
    }

    [Fact]
    public void Choose_CountAtMinimum_ChoosesThatMany()
    {
        var node = Node("feed-node-1", "feed-pool", Committed(1, minutes: 1), Committed(2, minutes: 2), Committed(3, minutes: 3));

        var choice = Choose(1, minInstances: 2, node);

        Assert.Equal([Id(3)], choice.Victims.Select(v => v.InstanceId));
        Assert.Equal(1, choice.RemovableCount);
    }

    [Fact]
    public void Choose_FewerRunningThanMinimum_RemovableIsZero()
    {
        var node = Node("feed-node-1", "feed-pool", Committed(1, minutes: 1));

        var choice = Choose(1, minInstances: 3, node);

        Assert.Empty(choice.Victims);
        Assert.Equal(0, choice.RemovableCount);
    }

    [Fact]
    public void Choose_KnownEndpoint_CarriedInVictim()
    {
        var node = Node("feed-node-1", "feed-pool", Committed(1, minutes: 1), Committed(2, minutes: 2));

        var choice = Choose(2, 0, node);

        Assert.Equal(["http://127.42.0.2:8080", null], choice.Victims.OrderBy(v => v.InstanceId).Select(v => v.Endpoint));
        Assert.All(choice.Victims, victim => Assert.Equal(VictimStage.Draining, victim.Stage));
    }

    [Fact]
    public void Choose_OverflowAndDeclared_TakesOverflowFirst()
    {
        var declared = Node("feed-node-1", "feed-pool", Committed(1, minutes: 30));
        var overflow = OverflowNode("cloud-1", "feed-pool", Committed(2, minutes: 1));

        var choice = Choose(1, 0, declared, overflow);

        var victim = Assert.Single(choice.Victims);
        Assert.Equal(Id(2), victim.InstanceId);
        Assert.Equal("cloud-1", victim.Node);
        Assert.False(victim.Borrowed);
    }

    [Fact]
    public void Choose_BorrowedAndOwnOverflow_TakesBorrowedFirst()
    {
        var overflow = OverflowNode("cloud-1", "feed-pool", Committed(1, minutes: 30));
        var borrowed = Node("shared-node-1", "shared-pool", Committed(2, minutes: 1));

        var choice = Choose(2, 0, overflow, borrowed);

        Assert.Equal([Id(2), Id(1)], choice.Victims.Select(v => v.InstanceId));
        Assert.Equal([true, false], choice.Victims.Select(v => v.Borrowed));
    }

    [Fact]
    public void Candidates_EveryGroup_OrdersBorrowedOverflowNewest()
    {
        var own = Node("feed-node-1", "feed-pool", Committed(1, minutes: 50), Committed(2, minutes: 60));
        var ownOverflow = OverflowNode("cloud-1", "feed-pool", Committed(3, minutes: 10), Committed(4, minutes: 20));
        var borrowed = Node("shared-node-1", "shared-pool", Committed(5, minutes: 1));
        var borrowedOverflow = OverflowNode("cloud-2", "shared-pool", Committed(6, minutes: 0));

        var candidates = VictimChooser.Candidates("feed-api", "feed-pool", [own, ownOverflow, borrowed, borrowedOverflow], new Dictionary<Guid, string>());

        Assert.Equal([Id(6), Id(5), Id(4), Id(3), Id(2), Id(1)], candidates.Select(v => v.InstanceId));
    }

    [Fact]
    public void Candidates_ProtectedPool_Excluded()
    {
        var own = Node("feed-node-1", "feed-pool", Committed(1, minutes: 1));
        var borrowed = Node("shared-node-1", "shared-pool", Committed(2, minutes: 5));
        var borrowedOverflow = OverflowNode("cloud-2", "shared-pool", Committed(3, minutes: 6));

        var candidates = VictimChooser.Candidates(
            "feed-api", "feed-pool", [own, borrowed, borrowedOverflow], new Dictionary<Guid, string>(), new HashSet<string> { "shared-pool" });

        Assert.Equal([Id(1)], candidates.Select(v => v.InstanceId));
    }

    [Fact]
    public void Choose_ProtectedPool_NotCountedAsRunning()
    {
        var own = Node("feed-node-1", "feed-pool", Committed(1, minutes: 1), Committed(2, minutes: 2));
        var borrowed = Node("shared-node-1", "shared-pool", Committed(3, minutes: 5));

        var choice = VictimChooser.Choose(
            "feed-api", "feed-pool", minInstances: 1, count: 2, [own, borrowed], new Dictionary<Guid, string>(), new HashSet<string> { "shared-pool" });

        Assert.Empty(choice.Victims);
        Assert.Equal(2, choice.RunningCount);
        Assert.Equal(1, choice.RemovableCount);
    }

    [Fact]
    public void Choose_OwnPoolProtected_TakesNothingFromIt()
    {
        var own = Node("feed-node-1", "feed-pool", Committed(1, minutes: 1));
        var ownOverflow = OverflowNode("cloud-1", "feed-pool", Committed(2, minutes: 2));

        var choice = VictimChooser.Choose(
            "feed-api", "feed-pool", minInstances: 0, count: 1, [own, ownOverflow], new Dictionary<Guid, string>(), new HashSet<string> { "feed-pool" });

        Assert.Empty(choice.Victims);
        Assert.Equal(0, choice.RunningCount);
    }

    [Fact]
    public void Named_TakesListedIgnoresMinimum()
    {
        var node = Node("feed-node-1", "feed-pool", Committed(1, minutes: 1), Committed(2, minutes: 3), Committed(3, minutes: 2));

        var (victims, unknown) = VictimChooser.Named("feed-api", "feed-pool", [Id(1), Id(3)], [node], new Dictionary<Guid, string>());

        Assert.Equal([Id(1), Id(3)], victims.Select(v => v.InstanceId));
        Assert.Empty(unknown);
    }

    [Fact]
    public void Named_OtherServiceOrMarked_Unknown()
    {
        var marked = Committed(2, minutes: 1) with { ReleasingSagaId = OtherScaleIn };
        var node = Node("feed-node-1", "feed-pool", Committed(1, minutes: 1), marked, Committed(3, minutes: 1, service: "cart-api"));

        var (victims, unknown) = VictimChooser.Named("feed-api", "feed-pool", [Id(1), Id(2), Id(3), Id(4)], [node], new Dictionary<Guid, string>());

        Assert.Equal([Id(1)], victims.Select(v => v.InstanceId));
        Assert.Equal([Id(2), Id(3), Id(4)], unknown);
    }
}
