using Surge.Ipam.Subnets;
using Surge.ServiceDefaults.Problems;

namespace Surge.Ipam.Tests.Subnets.Validation;

/// <summary>The warm levels of a specification: defaults for what is left out, and a minimum at or below the target.</summary>
public sealed class WarmLevelValidationTests
{
    private static readonly IReadOnlyDictionary<string, string> NoOthers = new Dictionary<string, string>();

    private static SubnetSpec Spec(WarmSpec? warm) => new("10.0.0.0/24", null, ["feed-pool"], null, Warm: warm);

    private static WarmLevels Levels(WarmSpec? warm) => SubnetSpecValidator.Validate("feed", Spec(warm), NoOthers).EffectiveLayout.Warm;

    private static RequestValidationException Invalid(WarmSpec warm) =>
        Assert.Throws<RequestValidationException>(() => SubnetSpecValidator.Validate("feed", Spec(warm), NoOthers));

    [Fact]
    public void Validate_NoWarm_UsesDefaults()
    {
        Assert.Equal(new WarmLevels(2, 8), Levels(null));
        Assert.Equal(WarmLevels.Default, Levels(null));
    }

    [Fact]
    public void Validate_EmptyWarm_UsesDefaults()
    {
        Assert.Equal(new WarmLevels(2, 8), Levels(new WarmSpec(null, null)));
    }

    [Fact]
    public void Validate_BothGiven_KeepsThem()
    {
        Assert.Equal(new WarmLevels(4, 16), Levels(new WarmSpec(4, 16)));
    }

    [Fact]
    public void Validate_TargetBelowDefaultMinimum_LowersMinimum()
    {
        Assert.Equal(new WarmLevels(1, 1), Levels(new WarmSpec(null, 1)));
    }

    [Fact]
    public void Validate_MinimumAboveDefaultTarget_RaisesTarget()
    {
        Assert.Equal(new WarmLevels(10, 10), Levels(new WarmSpec(10, null)));
    }

    [Fact]
    public void Validate_ZeroLevels_AreAccepted()
    {
        Assert.Equal(new WarmLevels(0, 0), Levels(new WarmSpec(0, 0)));
    }

    [Fact]
    public void Validate_MaximumTarget_IsAccepted()
    {
        Assert.Equal(new WarmLevels(2, SubnetLayoutValidator.MaxWarmTarget), Levels(new WarmSpec(2, SubnetLayoutValidator.MaxWarmTarget)));
    }

    [Fact]
    public void Validate_MinimumAboveTarget_NamesMinimum()
    {
        var error = Invalid(new WarmSpec(9, 3));

        Assert.Contains("minimum 9 is above target 3", Assert.Single(error.Errors["spec.warm.minimum"]));
    }

    [Theory]
    [InlineData(-1, 8, "spec.warm.minimum")]
    [InlineData(2, -1, "spec.warm.target")]
    [InlineData(2, 4097, "spec.warm.target")]
    public void Validate_OutOfRange_NamesTheLevel(int minimum, int target, string field)
    {
        var error = Invalid(new WarmSpec(minimum, target));

        Assert.Contains("must be a whole number from 0 to 4096", Assert.Single(error.Errors[field]));
    }
}
