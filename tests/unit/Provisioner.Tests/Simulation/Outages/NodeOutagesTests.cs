using Surge.Provisioner.Simulation.Outages;

namespace Surge.Provisioner.Tests.Simulation.Outages;

public sealed class NodeOutagesTests
{
    private static readonly DateTimeOffset Since = new(2026, 5, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void TryBegin_NewNode_IsListedAndUnreachable()
    {
        var outages = new NodeOutages();

        Assert.True(outages.TryBegin(new NodeOutage("feed-2", true, Since)));

        Assert.Equal([new NodeOutage("feed-2", true, Since)], outages.List());
        Assert.Equal(["feed-2"], outages.UnreachableNodes());
    }

    [Fact]
    public void TryBegin_NodeInOutage_KeepsFirst()
    {
        var outages = new NodeOutages();
        outages.TryBegin(new NodeOutage("feed-2", true, Since));

        Assert.False(outages.TryBegin(new NodeOutage("feed-2", false, Since.AddMinutes(1))));

        Assert.Equal(new NodeOutage("feed-2", true, Since), outages.Find("feed-2"));
    }

    [Fact]
    public void End_NodeInOutage_MakesItReachable()
    {
        var outages = new NodeOutages();
        outages.TryBegin(new NodeOutage("feed-2", true, Since));

        Assert.True(outages.End("feed-2"));

        Assert.Empty(outages.UnreachableNodes());
        Assert.Null(outages.Find("feed-2"));
    }

    [Fact]
    public void End_NodeWithoutOutage_ReturnsFalse()
    {
        Assert.False(new NodeOutages().End("feed-2"));
    }

    [Fact]
    public void List_IsOrderedByNode()
    {
        var outages = new NodeOutages();
        outages.TryBegin(new NodeOutage("feed-3", true, Since));
        outages.TryBegin(new NodeOutage("feed-1", false, Since));

        Assert.Equal(["feed-1", "feed-3"], outages.List().Select(outage => outage.Node));
    }
}
