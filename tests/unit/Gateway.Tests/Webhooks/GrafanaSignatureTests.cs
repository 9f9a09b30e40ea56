using System.Text;
using Microsoft.AspNetCore.Http;
using Surge.Gateway.Webhooks;

namespace Surge.Gateway.Tests.Webhooks;

public sealed class GrafanaSignatureTests
{
    private const string Secret = "grafana-contact-point-secret";
    private static readonly byte[] Body = TestData.Bytes("grafana/grafana9-mixed-1firing-2resolved.json");
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    private static GrafanaSourceOptions Options(string? timestampHeader = null) =>
        new() { HmacSecret = Secret, TimestampHeader = timestampHeader };

    private static HeaderDictionary Headers(params (string Name, string Value)[] headers)
    {
        var dictionary = new HeaderDictionary();
        foreach (var (name, value) in headers)
        {
            dictionary[name] = value;
        }

        return dictionary;
    }

    [Fact]
    public void Check_SignatureOverBody_Passes()
    {
        var headers = Headers(("X-Grafana-Alerting-Signature", GrafanaSignature.Sign(Secret, Body)));

        Assert.True(GrafanaSignature.Check(Options(), headers, Body, Now).Succeeded);
    }

    [Fact]
    public void Check_SignatureOverTimestampAndBody_Passes()
    {
        var timestamp = Now.AddSeconds(-30).ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        var headers = Headers(("X-Grafana-Alerting-Signature", GrafanaSignature.Sign(Secret, Body, timestamp)), ("X-Grafana-Alerting-Signature-Timestamp", timestamp));

        Assert.True(GrafanaSignature.Check(Options("X-Grafana-Alerting-Signature-Timestamp"), headers, Body, Now).Succeeded);
    }

    [Fact]
    public void Check_KnownVector_MatchesGrafanasEncoding()
    {
        // hex(HMAC-SHA256("key", "The quick brown fox jumps over the lazy dog")), the RFC 2104 example.
        Assert.Equal("f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8", GrafanaSignature.Sign("key", Encoding.UTF8.GetBytes("The quick brown fox jumps over the lazy dog")));
    }

    [Fact]
    public void Check_NoSignature_FailsNamingTheHeader()
    {
        var check = GrafanaSignature.Check(Options(), Headers(), Body, Now);

        Assert.False(check.Succeeded);
        Assert.Contains("X-Grafana-Alerting-Signature", check.Failure);
    }

    [Theory]
    [InlineData("another-secret-of-some-length")]
    [InlineData(null)]
    public void Check_WrongSecretOrChangedBody_Fails(string? otherSecret)
    {
        var signature = otherSecret is null ? GrafanaSignature.Sign(Secret, Encoding.UTF8.GetBytes("{}")) : GrafanaSignature.Sign(otherSecret, Body);

        var check = GrafanaSignature.Check(Options(), Headers(("X-Grafana-Alerting-Signature", signature)), Body, Now);

        Assert.False(check.Succeeded);
        Assert.DoesNotContain(Secret, check.Failure);
    }

    [Fact]
    public void Check_NotHex_Fails()
    {
        Assert.False(GrafanaSignature.Check(Options(), Headers(("X-Grafana-Alerting-Signature", "sha256=zz")), Body, Now).Succeeded);
    }

    [Fact]
    public void Check_ReplayedAfterTheWindow_Fails()
    {
        var timestamp = Now.AddMinutes(-6).ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        var headers = Headers(("X-Grafana-Alerting-Signature", GrafanaSignature.Sign(Secret, Body, timestamp)), ("X-Ts", timestamp));

        var check = GrafanaSignature.Check(Options("X-Ts"), headers, Body, Now);

        Assert.False(check.Succeeded);
        Assert.Contains("replay", check.Failure);
    }

    [Fact]
    public void Check_TimestampHeaderConfiguredButMissing_Fails()
    {
        var headers = Headers(("X-Grafana-Alerting-Signature", GrafanaSignature.Sign(Secret, Body)));

        Assert.False(GrafanaSignature.Check(Options("X-Ts"), headers, Body, Now).Succeeded);
    }
}
