using Surge.Provisioner.CloudNodes;

namespace Surge.Provisioner.Tests.CloudNodes;

public sealed class CloudNodePlanTests
{
    private static readonly Guid RequestId = Guid.Parse("0196a3b2-7c4d-7e5f-8a9b-0c1d2e3f4a5b");

    [Fact]
    public void Plan_SameRequest_GivesSameNames()
    {
        var first = CloudNodePlan.Plan("private-cloud", "web", RequestId, 3, ["zone-a"]);
        var second = CloudNodePlan.Plan("private-cloud", "web", RequestId, 3, ["zone-a"]);

        Assert.Equal(first, second);
    }

    [Fact]
    public void Plan_Names_CarryProviderPoolShortIdAndNumber()
    {
        var nodes = CloudNodePlan.Plan("public-cloud", "web", RequestId, 2, ["zone-a"]);

        Assert.Equal("public-cloud-web-0c1d2e3f4a5b-1", nodes[0].Name);
        Assert.Equal("public-cloud-web-0c1d2e3f4a5b-2", nodes[1].Name);
    }

    [Fact]
    public void Plan_OtherRequest_GivesOtherNames()
    {
        var other = Guid.Parse("0196a3b2-7c4d-7e5f-8a9b-ffffffffffff");

        var first = CloudNodePlan.Plan("private-cloud", "web", RequestId, 1, ["zone-a"]);
        var second = CloudNodePlan.Plan("private-cloud", "web", other, 1, ["zone-a"]);

        Assert.NotEqual(first[0].Name, second[0].Name);
    }

    [Fact]
    public void ShortId_TakesLastDigits()
    {
        // Two version 7 ids made in the same millisecond share their first digits, not their last.
        Assert.Equal("0c1d2e3f4a5b", CloudNodePlan.ShortId(RequestId));
        Assert.Equal(CloudNodePlan.ShortIdLength, CloudNodePlan.ShortId(Guid.NewGuid()).Length);
    }

    [Fact]
    public void Plan_Zones_AssignedRoundRobin()
    {
        var nodes = CloudNodePlan.Plan("private-cloud", "web", RequestId, 5, ["zone-a", "zone-b"]);

        Assert.Equal(["zone-a", "zone-b", "zone-a", "zone-b", "zone-a"], nodes.Select(node => node.Zone));
    }

    [Fact]
    public void Plan_Racks_OnePerNode()
    {
        var nodes = CloudNodePlan.Plan("private-cloud", "web", RequestId, 3, ["zone-a", "zone-b"]);

        Assert.Equal(["private-cloud-rack-1", "private-cloud-rack-2", "private-cloud-rack-3"], nodes.Select(node => node.Rack));
    }

    [Fact]
    public void NodeName_PoolWithOtherCharacters_BecomesHyphens()
    {
        var name = CloudNodePlan.NodeName("private-cloud", " Web_API.v2 ", RequestId, 7);

        Assert.Equal("private-cloud-web-api-v2-0c1d2e3f4a5b-7", name);
    }

    [Fact]
    public void Plan_NoZones_Throws()
    {
        Assert.Throws<ArgumentException>(() => CloudNodePlan.Plan("private-cloud", "web", RequestId, 1, []));
    }
}
