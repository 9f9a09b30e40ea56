using Surge.Capacity.AlertPolicies;

namespace Surge.Capacity.Tests.AlertPolicies;

public sealed class InstanceStepsTests
{
    [Theory]
    [InlineData(50, 4, 2)]
    [InlineData(50, 5, 3)]
    [InlineData(10, 11, 2)]
    [InlineData(25, 1, 1)]
    [InlineData(50, 0, 1)]
    [InlineData(100, 7, 7)]
    [InlineData(1000, 3, 30)]
    public void Of_Percent_RoundsUpAndIsAtLeastOne(int percent, int current, int expected)
    {
        Assert.Equal(expected, InstanceSteps.Of(null, percent, current));
    }

    [Theory]
    [InlineData(3, 0)]
    [InlineData(3, 100)]
    public void Of_Count_IgnoresCurrentInstances(int by, int current)
    {
        Assert.Equal(by, InstanceSteps.Of(by, null, current));
    }

    [Fact]
    public void ScaleOutAction_Percent_UsesCurrentCount()
    {
        Assert.Equal(4, new ScaleOutAction(Percent: 30).InstancesFor(12));
    }
}
