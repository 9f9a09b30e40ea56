using Surge.Provisioner.CloudNodes;

namespace Surge.Provisioner.Tests.CloudNodes;

public sealed class CloudQuotaTests
{
    [Fact]
    public void Check_ExactlyFits_Passes()
    {
        Assert.Null(CloudQuota.Check("private-cloud", maxNodes: 10, nodesInUse: 7, count: 3));
    }

    [Fact]
    public void Check_OneOver_NamesProviderQuotaAndUse()
    {
        var reason = CloudQuota.Check("private-cloud", maxNodes: 10, nodesInUse: 8, count: 3);

        Assert.NotNull(reason);
        Assert.Contains("private-cloud", reason, StringComparison.Ordinal);
        Assert.Contains("quota of 10 nodes", reason, StringComparison.Ordinal);
        Assert.Contains("8 are in use", reason, StringComparison.Ordinal);
        Assert.Contains("SimulatedDataCentre:Clouds:private-cloud:MaxNodes", reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_ZeroQuota_RejectsEveryRequest()
    {
        Assert.NotNull(CloudQuota.Check("public-cloud", maxNodes: 0, nodesInUse: 0, count: 1));
    }

    [Fact]
    public void Check_HugeCount_DoesNotOverflow()
    {
        Assert.NotNull(CloudQuota.Check("public-cloud", maxNodes: 50, nodesInUse: 10, count: int.MaxValue));
    }
}
