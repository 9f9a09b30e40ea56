using Surge.Capacity.AlertPolicies;
using Surge.ServiceDefaults.Problems;

namespace Surge.Capacity.Tests.AlertPolicies;

public sealed class AlertPolicySpecTests
{
    private static readonly AlertPolicySpec Valid = new(
        "feed-api",
        new Dictionary<string, string> { ["alertname"] = "FeedApiHighTraffic", ["service"] = "feed-api" },
        new ScaleOutAction(3),
        12,
        "5m");

    private static IEnumerable<string> Reject(AlertPolicySpec spec, string name = "feed-api-traffic", bool serviceExists = true) =>
        Assert.Throws<RequestValidationException>(() => spec.Validate(name, serviceExists)).Errors.Keys.Order(StringComparer.Ordinal);

    [Fact]
    public void Validate_ValidSpec_DoesNotThrow()
    {
        Valid.Validate("feed-api-traffic", serviceExists: true);
        (Valid with { MaxInstances = null, Cooldown = null }).Validate("feed-api-traffic", serviceExists: true);
    }

    [Fact]
    public void Validate_InvalidName_RejectsName()
    {
        Assert.Equal(["name"], Reject(Valid, name: "FeedApiTraffic"));
    }

    [Fact]
    public void Validate_MissingService_RejectsService()
    {
        Assert.Equal(["spec.service"], Reject(Valid with { Service = "" }, serviceExists: false));
    }

    [Fact]
    public void Validate_UndeclaredService_RejectsService()
    {
        var error = Assert.Throws<RequestValidationException>(() => Valid.Validate("feed-api-traffic", serviceExists: false));

        Assert.Equal(["spec.service"], error.Errors.Keys);
        Assert.Contains("'feed-api' is not declared", error.Errors["spec.service"][0]);
    }

    [Fact]
    public void Validate_NoMatch_RejectsMatch()
    {
        Assert.Equal(["spec.match"], Reject(Valid with { Match = null }));
        Assert.Equal(["spec.match"], Reject(Valid with { Match = new Dictionary<string, string>() }));
    }

    [Fact]
    public void Validate_MatchLabelWithoutNameOrValue_RejectsMatch()
    {
        Assert.Equal(["spec.match"], Reject(Valid with { Match = new Dictionary<string, string> { [""] = "x" } }));
        Assert.Equal(["spec.match"], Reject(Valid with { Match = new Dictionary<string, string> { ["alertname"] = null! } }));
    }

    [Fact]
    public void Validate_NoScaleOut_RejectsScaleOutBy()
    {
        Assert.Equal(["spec.scaleOut.by"], Reject(Valid with { ScaleOut = null }));
        Assert.Equal(["spec.scaleOut.by"], Reject(Valid with { ScaleOut = new ScaleOutAction(0) }));
    }

    [Fact]
    public void Validate_MaximumBelowOne_RejectsMaxInstances()
    {
        Assert.Equal(["spec.maxInstances"], Reject(Valid with { MaxInstances = 0 }));
    }

    [Theory]
    [InlineData("5")]
    [InlineData("five minutes")]
    [InlineData("5 m")]
    [InlineData("")]
    public void Validate_CooldownNotDuration_RejectsCooldown(string cooldown)
    {
        Assert.Equal(["spec.cooldown"], Reject(Valid with { Cooldown = cooldown }));
    }

    [Fact]
    public void Validate_CooldownBeyondTimeSpan_RejectsCooldown()
    {
        Assert.Equal(["spec.cooldown"], Reject(Valid with { Cooldown = "999999999999d" }));
    }

    [Fact]
    public void Selects_AlertWithEveryMatchLabel_ReturnsTrue()
    {
        var labels = new Dictionary<string, string> { ["alertname"] = "FeedApiHighTraffic", ["service"] = "feed-api", ["severity"] = "page" };

        Assert.True(Valid.Selects(labels));
    }

    [Fact]
    public void Selects_AlertMissingOrDifferingLabel_ReturnsFalse()
    {
        Assert.False(Valid.Selects(new Dictionary<string, string> { ["alertname"] = "FeedApiHighTraffic" }));
        Assert.False(Valid.Selects(new Dictionary<string, string> { ["alertname"] = "FeedApiHighTraffic", ["service"] = "Feed-API" }));
    }

    [Fact]
    public void Selects_PolicyWithoutMatch_ReturnsFalse()
    {
        Assert.False((Valid with { Match = null }).Selects(new Dictionary<string, string> { ["alertname"] = "x" }));
    }
}
