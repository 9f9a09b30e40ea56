using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;
using Surge.Gateway.Webhooks;

namespace Surge.Gateway.Tests.Webhooks;

public sealed class CloudMonitorSecretTests
{
    private const string Secret = "0123456789abcdef0123456789abcdef";
    private static readonly CloudMonitorSourceOptions Options = new() { Enabled = true, Secret = Secret };

    private static QueryCollection Query(params (string Name, string[] Values)[] parameters) =>
        new(parameters.ToDictionary(p => p.Name, p => new StringValues(p.Values)));

    [Fact]
    public void Check_RightSecret_Passes()
    {
        Assert.True(CloudMonitorSecret.Check(Options, Query(("token", [Secret]))).Succeeded);
    }

    [Fact]
    public void Check_NoSecret_Fails()
    {
        var check = CloudMonitorSecret.Check(Options, Query());

        Assert.False(check.Succeeded);
        Assert.Contains("?token=SECRET", check.Failure);
    }

    [Theory]
    [InlineData("0123456789abcdef0123456789abcdeX")]
    [InlineData("short")]
    [InlineData("")]
    public void Check_WrongSecret_FailsWithoutEchoingIt(string presented)
    {
        var check = CloudMonitorSecret.Check(Options, Query(("token", [presented])));

        Assert.False(check.Succeeded);
        Assert.DoesNotContain(Secret, check.Failure);
    }

    [Fact]
    public void Check_SecretTwice_Fails()
    {
        Assert.False(CloudMonitorSecret.Check(Options, Query(("token", [Secret, Secret]))).Succeeded);
    }
}
