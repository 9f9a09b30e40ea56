using Surge.Provisioner.NetworkInterfaces;

namespace Surge.Provisioner.Tests.NetworkInterfaces;

public sealed class NetworkInterfaceRequestsTests
{
    [Fact]
    public void FindProblem_ValidNames_ReturnsNull()
    {
        Assert.Null(NetworkInterfaceRequests.FindProblem("public-a", "public-cloud-feed-1", "eni-2"));
    }

    [Theory]
    [InlineData(null, "node-1", "eni-2", "the subnet is empty")]
    [InlineData("public-a", "", "eni-2", "the node is empty")]
    [InlineData("public-a", "node-1", " ", "the interface id is empty")]
    [InlineData("public-a", "node-1", "eni/2", "the interface id 'eni/2' is not a name")]
    [InlineData("public-a", "node-1", "eni 2", "the interface id 'eni 2' is not a name")]
    [InlineData("public-a", "rack/node-1", "eni-2", "the node 'rack/node-1' is not a node name")]
    public void FindProblem_InvalidName_NamesField(string? subnet, string? node, string? interfaceId, string expected)
    {
        var problem = NetworkInterfaceRequests.FindProblem(subnet, node, interfaceId);

        Assert.NotNull(problem);
        Assert.Contains(expected, problem, StringComparison.Ordinal);
        Assert.Contains("Send AttachNetworkInterface with a subnet, a node and an interface id", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void FindProblem_LongInterfaceId_IsRejected()
    {
        var problem = NetworkInterfaceRequests.FindProblem("public-a", "node-1", new string('e', NetworkInterfaceRequests.MaxInterfaceIdLength + 1));

        Assert.NotNull(problem);
        Assert.Contains("at most 63 characters", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void FindProblem_SeveralProblems_ListsAll()
    {
        var problem = NetworkInterfaceRequests.FindProblem("", "", "");

        Assert.NotNull(problem);
        Assert.Contains("the subnet is empty; the node is empty; the interface id is empty", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void StreamKey_NamesNodeAndInterface()
    {
        Assert.Equal("interface/public-cloud-feed-1/eni-2", NetworkInterfaceStream.Key("public-cloud-feed-1", "eni-2"));
    }
}
