using Surge.Gateway.Options;

namespace Surge.Gateway.Tests.Options;

public sealed class HttpUrlAttributeTests
{
    [Theory]
    [InlineData("http://127.0.0.1:5081", true)]
    [InlineData("https://ipam.internal:8443/", true)]
    [InlineData("ftp://127.0.0.1/", false)]
    [InlineData("127.0.0.1:5081", false)]
    [InlineData("/relative", false)]
    public void IsValid_OnlyHttpAndHttps(string url, bool valid) =>
        Assert.Equal(valid, new HttpUrlAttribute().IsValid(url));
}
