using Surge.Gateway.Webhooks;

namespace Surge.Gateway.Tests.Webhooks;

public sealed class AlertSourceSettingsTests
{
    private static IEnumerable<string> Failures(AlertSourceOptions options) =>
        new AlertSourceOptionsValidator().Validate(null, options).Failures ?? [];

    [Fact]
    public void Validate_Defaults_Pass()
    {
        Assert.Empty(Failures(new AlertSourceOptions()));
    }

    [Fact]
    public void Validate_CloudWatchWithoutCertificates_NamesTheSettings()
    {
        var failure = Assert.Single(Failures(new AlertSourceOptions { CloudWatch = { Enabled = true } }));

        Assert.Contains("SigningCertificateFiles", failure);
        Assert.StartsWith("Gateway:AlertSources:CloudWatch", failure);
    }

    [Fact]
    public void Validate_BadCertificateFile_NamesIt()
    {
        var notPem = Path.GetTempFileName();
        try
        {
            var failures = Failures(new AlertSourceOptions { CloudWatch = { Enabled = true, SigningCertificateFiles = ["/nonexistent/sns.pem", notPem] } }).ToList();

            Assert.Contains(failures, f => f.StartsWith("Gateway:AlertSources:CloudWatch:SigningCertificateFiles:0", StringComparison.Ordinal));
            Assert.Contains(failures, f => f.StartsWith("Gateway:AlertSources:CloudWatch:SigningCertificateFiles:1", StringComparison.Ordinal));
        }
        finally
        {
            File.Delete(notPem);
        }
    }

    [Theory]
    [InlineData(null)]
    [InlineData("too-short")]
    public void Validate_CloudMonitorWithoutALongSecret_Fails(string? secret)
    {
        var failure = Assert.Single(Failures(new AlertSourceOptions { CloudMonitor = { Enabled = true, Secret = secret } }));

        Assert.StartsWith("Gateway:AlertSources:CloudMonitor:Secret", failure);
    }

    [Fact]
    public void Validate_TwoFaults_NamesBoth()
    {
        var failures = Failures(new AlertSourceOptions
        {
            Grafana = { HmacSecret = "short" },
            CloudWatch = { Enabled = true, VerifySignatures = false, TrustedHosts = ["https://sns.amazonaws.com/"] },
        }).ToList();

        Assert.Equal(2, failures.Count);
    }

    [Theory]
    [InlineData("https://sns.eu-west-1.amazonaws.com/x.pem", "eu-west-1", true)]
    [InlineData("https://SNS.EU-WEST-1.AMAZONAWS.COM/x.pem", "eu-west-1", true)]
    [InlineData("https://sns.cn-north-1.amazonaws.com.cn/x.pem", "cn-north-1", true)]
    [InlineData("https://sns.eu-west-1.amazonaws.com/x.pem", "us-east-1", false)]
    [InlineData("https://sns.eu-west-1.amazonaws.com/x.pem", null, false)]
    [InlineData("https://evil.example/sns.eu-west-1.amazonaws.com/x.pem", "eu-west-1", false)]
    [InlineData("sns.eu-west-1.amazonaws.com/x.pem", "eu-west-1", false)]
    public void TrustedHostPattern_Defaults_AllowOnlyTheTopicsRegion(string url, string? region, bool allowed)
    {
        Assert.Equal(allowed, TrustedHostPattern.Allows(url, region, CloudWatchSourceOptions.DefaultTrustedHosts, allowHttp: false));
    }

    [Fact]
    public void TrustedHostPattern_Loopback_NeedsAllowHttp()
    {
        Assert.True(TrustedHostPattern.Allows("http://127.0.0.1:5999/confirm", "eu-west-1", ["127.0.0.1"], allowHttp: true));
        Assert.False(TrustedHostPattern.Allows("http://127.0.0.1:5999/confirm", "eu-west-1", ["127.0.0.1"], allowHttp: false));
    }
}
