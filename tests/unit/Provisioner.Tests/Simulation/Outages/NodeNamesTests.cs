using Surge.Provisioner.Simulation.Outages;

namespace Surge.Provisioner.Tests.Simulation.Outages;

public sealed class NodeNamesTests
{
    [Theory]
    [InlineData("feed-1")]
    [InlineData("n")]
    [InlineData("private-cloud-feed-pool-0a1b2c3d4e5f-1")]
    [InlineData("rack-2.zone-a")]
    public void FindProblem_NodeName_ReturnsNull(string node)
    {
        Assert.Null(NodeNames.FindProblem(node));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void FindProblem_Empty_AsksForName(string? node)
    {
        Assert.Equal("The node name is empty. Give the name of a node, such as 'feed-1'.", NodeNames.FindProblem(node));
    }

    [Theory]
    [InlineData("Feed-1")]
    [InlineData("feed_1")]
    [InlineData("-feed")]
    [InlineData("feed-")]
    [InlineData("feed 1")]
    public void FindProblem_InvalidCharacters_NamesValueAndRule(string node)
    {
        var problem = NodeNames.FindProblem(node);

        Assert.Equal($"'{node}' is not a valid node name. Use lower-case letters, digits, '-' and '.', starting and ending with a letter or digit, such as 'feed-1'.", problem);
    }

    [Fact]
    public void FindProblem_TooLong_StatesLimit()
    {
        var problem = NodeNames.FindProblem(new string('a', 254));

        Assert.Equal("The node name has 254 characters, but at most 253 are allowed.", problem);
    }

    [Fact]
    public void FindProblem_MaxLength_ReturnsNull()
    {
        Assert.Null(NodeNames.FindProblem(new string('a', 253)));
    }
}
