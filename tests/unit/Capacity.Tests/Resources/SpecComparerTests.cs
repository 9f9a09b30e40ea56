using Surge.Capacity.AlertPolicies;
using Surge.Capacity.Resources;

namespace Surge.Capacity.Tests.Resources;

public sealed class SpecComparerTests
{
    [Fact]
    public void AreEqual_MatchInOtherKeyOrder_IsEqual()
    {
        var first = new AlertPolicySpec("feed-api", new Dictionary<string, string> { ["alertname"] = "A", ["service"] = "feed-api" }, new ScaleOutAction(3));
        var second = new AlertPolicySpec("feed-api", new Dictionary<string, string> { ["service"] = "feed-api", ["alertname"] = "A" }, new ScaleOutAction(3));

        Assert.True(SpecComparer.AreEqual(first, second));
    }

    [Fact]
    public void AreEqual_DifferentValue_IsNotEqual()
    {
        var first = new AlertPolicySpec("feed-api", new Dictionary<string, string> { ["alertname"] = "A" }, new ScaleOutAction(3));
        var second = first with { ScaleOut = new ScaleOutAction(4) };

        Assert.False(SpecComparer.AreEqual(first, second));
    }
}
