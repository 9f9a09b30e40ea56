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
}
