using Surge.Capacity.Pools;
using Surge.ServiceDefaults.Problems;

namespace Surge.Capacity.Tests.Pools;

public sealed class PoolSpecTests
{
    [Theory]
    [InlineData(false, 0, 100)]
    [InlineData(true, 0.5, 1)]
    [InlineData(true, 1, 0)]
    public void Validate_ValidSpec_DoesNotThrow(bool lends, double ratio, int priority)
    {
        new PoolSpec(lends, ratio, priority).Validate("shared-pool");
    }

    [Theory]
    [InlineData("a")]
    [InlineData("feed-pool")]
    [InlineData("0pool9")]
    [InlineData("abcdefghijabcdefghijabcdefghijabcdefghijabcdefghijabcdefghij123")]
    public void Validate_DnsLabelName_DoesNotThrow(string name)
    {
        new PoolSpec().Validate(name);
    }

    [Theory]
    [InlineData("")]
    [InlineData("Feed-Pool")]
    [InlineData("feed_pool")]
    [InlineData("-feed")]
    [InlineData("feed-")]
    [InlineData("feed.pool")]
    [InlineData("abcdefghijabcdefghijabcdefghijabcdefghijabcdefghijabcdefghij1234")]
    public void Validate_InvalidName_RejectsName(string name)
    {
        var error = Assert.Throws<RequestValidationException>(() => new PoolSpec().Validate(name));

        Assert.Equal(["name"], error.Errors.Keys);
    }

    [Theory]
    [InlineData(-0.1)]
    [InlineData(1.5)]
    [InlineData(double.NaN)]
    public void Validate_RatioOutsideZeroToOne_RejectsMaxLendRatio(double ratio)
    {
        var error = Assert.Throws<RequestValidationException>(() => new PoolSpec(true, ratio, 1).Validate("shared-pool"));

        Assert.Equal(["spec.maxLendRatio"], error.Errors.Keys);
        Assert.Contains("between 0 and 1", error.Errors["spec.maxLendRatio"][0]);
    }

    [Fact]
    public void Validate_LendsWithZeroRatio_RejectsMaxLendRatio()
    {
        var error = Assert.Throws<RequestValidationException>(() => new PoolSpec(true, 0, 1).Validate("shared-pool"));

        Assert.Equal(["spec.maxLendRatio"], error.Errors.Keys);
        Assert.Contains("above 0", error.Errors["spec.maxLendRatio"][0]);
    }

    [Fact]
    public void Validate_NegativeLenderPriority_RejectsLenderPriority()
    {
        var error = Assert.Throws<RequestValidationException>(() => new PoolSpec(true, 0.5, -1).Validate("shared-pool"));

        Assert.Equal(["spec.lenderPriority"], error.Errors.Keys);
    }

    [Fact]
    public void Validate_SeveralErrors_ReportsAllAndNamesPool()
    {
        var error = Assert.Throws<RequestValidationException>(() => new PoolSpec(true, 2, -1).Validate("Bad"));

        Assert.Equal(["name", "spec.lenderPriority", "spec.maxLendRatio"], error.Errors.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("The Pool 'Bad' is invalid; see errors for each field.", error.Message);
    }

    [Fact]
    public void Validate_KnownOverflowProviders_DoesNotThrow()
    {
        var spec = new PoolSpec(OverflowProviders: ["private-cloud", "public-cloud"]);

        spec.Validate("feed-pool", ["public-cloud", "private-cloud"]);
    }

    [Fact]
    public void Validate_NoKnownList_SkipsNameCheck()
    {
        new PoolSpec(OverflowProviders: ["anything"]).Validate("feed-pool");
    }

    [Fact]
    public void Validate_UnknownOverflowProvider_NamesIndexAndConfigured()
    {
        var spec = new PoolSpec(OverflowProviders: ["private-cloud", "aws"]);

        var error = Assert.Throws<RequestValidationException>(() => spec.Validate("feed-pool", ["public-cloud", "private-cloud"]));

        Assert.Equal(["spec.overflowProviders[1]"], error.Errors.Keys);
        Assert.Equal(
            "Overflow provider 'aws' is unknown; configured: private-cloud, public-cloud.",
            Assert.Single(error.Errors["spec.overflowProviders[1]"]));
    }

    [Fact]
    public void Validate_NoneConfigured_RejectsProvider()
    {
        var spec = new PoolSpec(OverflowProviders: ["private-cloud"]);

        var error = Assert.Throws<RequestValidationException>(() => spec.Validate("feed-pool", []));

        Assert.Contains("none is configured (Overflow:Providers)", Assert.Single(error.Errors["spec.overflowProviders[0]"]));
    }

    [Fact]
    public void Validate_DuplicateOverflowProvider_RejectsSecondEntry()
    {
        var spec = new PoolSpec(OverflowProviders: ["private-cloud", "public-cloud", "private-cloud"]);

        var error = Assert.Throws<RequestValidationException>(() => spec.Validate("feed-pool", ["private-cloud", "public-cloud"]));

        Assert.Equal(["spec.overflowProviders[2]"], error.Errors.Keys);
        Assert.Contains("listed twice", error.Errors["spec.overflowProviders[2]"][0]);
    }

    [Fact]
    public void Validate_DuplicateWithoutKnownList_RejectsSecondEntry()
    {
        var error = Assert.Throws<RequestValidationException>(() => new PoolSpec(OverflowProviders: ["a", "a"]).Validate("feed-pool"));

        Assert.Equal(["spec.overflowProviders[1]"], error.Errors.Keys);
    }
}
