using System.Text.Json;
using Surge.Cli.Alerts;

namespace Surge.Cli.Tests;

public class AlertFingerprintTests
{
    [Fact]
    public void Compute_RealAlertmanagerAlert_MatchesItsFingerprint()
    {
        using var body = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Data", "am-resolved-single-fingerprint.json")));
        var alert = body.RootElement.GetProperty("alerts")[0];
        var labels = alert.GetProperty("labels").EnumerateObject().ToDictionary(label => label.Name, label => label.Value.GetString()!);

        var fingerprint = AlertFingerprint.Compute(labels);

        Assert.Equal("fbab788ec4c1018b", fingerprint);
        Assert.Equal(alert.GetProperty("fingerprint").GetString(), fingerprint);
    }

    [Fact]
    public void Compute_DemoLabels_GivesKnownValue()
    {
        // Computed independently with a Python FNV-1a implementation of the same rule.
        var labels = new Dictionary<string, string>
        {
            ["alertname"] = "FeedApiHighTraffic",
            ["service"] = "feed-api",
            ["severity"] = "page",
        };

        Assert.Equal("34c16e63ebf6511f", AlertFingerprint.Compute(labels));
    }

    [Fact]
    public void Compute_InsertionOrder_DoesNotMatter()
    {
        var forward = new Dictionary<string, string> { ["a"] = "1", ["b"] = "2", ["c"] = "3" };
        var backward = new Dictionary<string, string> { ["c"] = "3", ["b"] = "2", ["a"] = "1" };

        Assert.Equal(AlertFingerprint.Compute(forward), AlertFingerprint.Compute(backward));
    }

    [Fact]
    public void Compute_NoLabels_IsFnvOffsetBasis()
    {
        Assert.Equal("cbf29ce484222325", AlertFingerprint.Compute(new Dictionary<string, string>()));
    }

    [Fact]
    public void Compute_SeparatorByte_KeepsNameAndValueApart()
    {
        var joinedInName = new Dictionary<string, string> { ["ab"] = "c" };
        var joinedInValue = new Dictionary<string, string> { ["a"] = "bc" };

        Assert.NotEqual(AlertFingerprint.Compute(joinedInName), AlertFingerprint.Compute(joinedInValue));
    }

    [Fact]
    public void Compute_Result_IsSixteenLowercaseHexDigits()
    {
        var fingerprint = AlertFingerprint.Compute(new Dictionary<string, string> { ["alertname"] = "X" });

        Assert.Matches("^[0-9a-f]{16}$", fingerprint);
    }
}
