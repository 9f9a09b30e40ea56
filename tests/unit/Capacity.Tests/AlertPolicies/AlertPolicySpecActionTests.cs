using Surge.Capacity.AlertPolicies;
using Surge.ServiceDefaults.Problems;

namespace Surge.Capacity.Tests.AlertPolicies;

public sealed class AlertPolicySpecActionTests
{
    private static readonly AlertPolicySpec Valid = new(
        "feed-api",
        new Dictionary<string, string> { ["alertname"] = "FeedApiHighTraffic" },
        new ScaleOutAction(Percent: 50),
        20,
        "5m",
        MinInstances: 2,
        ScaleIn: new ScaleInSettings("10m", new ScaleStep(Percent: 25), "2m"),
        Degrade: new DegradeSettings(WhileScaling: true, MaxTimeToCapacity: "3m"));

    private static IReadOnlyDictionary<string, string[]> Reject(AlertPolicySpec spec) =>
        Assert.Throws<RequestValidationException>(() => spec.Validate("feed-api-traffic", serviceExists: true)).Errors;

    [Fact]
    public void Validate_EveryNewField_DoesNotThrow()
    {
        Valid.Validate("feed-api-traffic", serviceExists: true);
    }

    [Fact]
    public void Validate_OldScaleOutBy_Accepted()
    {
        new AlertPolicySpec("feed-api", new Dictionary<string, string> { ["alertname"] = "X" }, new ScaleOutAction(2)).Validate("old", serviceExists: true);
    }

    [Fact]
    public void Validate_ByAndPercent_NamesScaleOut()
    {
        var errors = Reject(Valid with { ScaleOut = new ScaleOutAction(2, 50) });

        Assert.Equal(["spec.scaleOut"], errors.Keys);
        Assert.Contains("Keep one", errors["spec.scaleOut"][0]);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1001)]
    public void Validate_PercentOutOfRange_NamesPercent(int percent)
    {
        Assert.Equal(["spec.scaleOut.percent"], Reject(Valid with { ScaleOut = new ScaleOutAction(Percent: percent) }).Keys);
    }

    [Fact]
    public void Validate_DimensionsWithoutMatch_DoesNotThrow()
    {
        (Valid with { Match = null, Dimensions = new Dictionary<string, string> { ["InstanceId"] = "i-0abc" } }).Validate("cpu", serviceExists: true);
    }

    [Fact]
    public void Validate_DimensionWithoutValue_NamesDimensions()
    {
        Assert.Equal(["spec.dimensions"], Reject(Valid with { Dimensions = new Dictionary<string, string> { ["InstanceId"] = null! } }).Keys);
    }

    [Fact]
    public void Validate_MinimumAboveMaximum_NamesMinInstances()
    {
        var errors = Reject(Valid with { MinInstances = 21 });

        Assert.Equal(["spec.minInstances"], errors.Keys);
        Assert.Contains("above maxInstances (20)", errors["spec.minInstances"][0]);
    }

    [Fact]
    public void Validate_NegativeMinimum_NamesMinInstances()
    {
        Assert.Equal(["spec.minInstances"], Reject(Valid with { MinInstances = -1 }).Keys);
    }

    [Fact]
    public void Validate_WrongScaleInFields_NamesEach()
    {
        var spec = Valid with
        {
            ScaleIn = new ScaleInSettings("ten minutes", new ScaleStep(Percent: 150), "0s"),
            Degrade = new DegradeSettings(true, "soon"),
        };

        var errors = Reject(spec);

        Assert.Equal(
            ["spec.degrade.maxTimeToCapacity", "spec.scaleIn.stabilisationWindow", "spec.scaleIn.step.percent", "spec.scaleIn.stepPeriod"],
            errors.Keys.Order(StringComparer.Ordinal));
        Assert.Contains("such as 90s, 5m or 1h", errors["spec.scaleIn.stabilisationWindow"][0]);
        Assert.Contains("longer than zero", errors["spec.scaleIn.stepPeriod"][0]);
    }

    [Fact]
    public void Validate_StepByAndPercent_NamesStep()
    {
        Assert.Equal(["spec.scaleIn.step"], Reject(Valid with { ScaleIn = new ScaleInSettings(Step: new ScaleStep(1, 10)) }).Keys);
        Assert.Equal(["spec.scaleIn.step.by"], Reject(Valid with { ScaleIn = new ScaleInSettings(Step: new ScaleStep(By: 0)) }).Keys);
    }

    [Fact]
    public void Selects_MatchAndDimensions_RequiresBoth()
    {
        var spec = Valid with { Dimensions = new Dictionary<string, string> { ["InstanceId"] = "i-0abc" } };

        Assert.True(spec.Selects(new Dictionary<string, string> { ["alertname"] = "FeedApiHighTraffic", ["InstanceId"] = "i-0abc" }));
        Assert.False(spec.Selects(new Dictionary<string, string> { ["alertname"] = "FeedApiHighTraffic", ["InstanceId"] = "i-0def" }));
        Assert.False(spec.Selects(new Dictionary<string, string> { ["InstanceId"] = "i-0abc" }));
    }

    [Fact]
    public void ScaleInOrDefault_Missing_UsesDefaults()
    {
        var settings = (Valid with { ScaleIn = null }).ScaleInOrDefault;

        Assert.Equal(ScaleInSettings.DefaultWindow, settings.Window);
        Assert.Equal(ScaleInSettings.DefaultStepPeriod, settings.Period);
        Assert.Equal(1, settings.StepSize.InstancesFor(40));
    }
}
