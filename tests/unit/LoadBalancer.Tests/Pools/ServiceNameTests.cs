using Surge.LoadBalancer.Pools;

namespace Surge.LoadBalancer.Tests.Pools;

public class ServiceNameTests
{
    [Theory]
    [InlineData("web")]
    [InlineData("checkout-api")]
    [InlineData("a")]
    [InlineData("api2")]
    public void IsValid_Rfc1123Label_ReturnsTrue(string name) => Assert.True(ServiceName.IsValid(name));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("Web")]
    [InlineData("-web")]
    [InlineData("web-")]
    [InlineData("web/api")]
    [InlineData("web.api")]
    [InlineData("..")]
    [InlineData("{web}")]
    public void IsValid_OtherNames_ReturnsFalse(string? name) => Assert.False(ServiceName.IsValid(name));

    [Fact]
    public void IsValid_Over63Characters_ReturnsFalse()
    {
        Assert.True(ServiceName.IsValid(new string('a', 63)));
        Assert.False(ServiceName.IsValid(new string('a', 64)));
    }
}
