using System.Text.Json;
using Surge.Gateway.Webhooks;

namespace Surge.Gateway.Tests.Webhooks;

public sealed class LabelFingerprintTests
{
    [Fact]
    public void Compute_ResolvedExampleLabels_MatchesAlertmanagerFingerprint()
    {
        using var body = JsonDocument.Parse(TestData.Bytes("alertmanager/am-resolved-single-fingerprint.json"));
        var alert = body.RootElement.GetProperty("alerts")[0];
        var labels = alert.GetProperty("labels").EnumerateObject().ToDictionary(label => label.Name, label => label.Value.GetString()!);

        Assert.Equal(alert.GetProperty("fingerprint").GetString(), LabelFingerprint.Compute(labels));
        Assert.Equal("fbab788ec4c1018b", LabelFingerprint.Compute(labels));
    }

    [Fact]
    public void Compute_EmptyLabelSet_ReturnsFnvOffsetBasis()
    {
        Assert.Equal("cbf29ce484222325", LabelFingerprint.Compute(new Dictionary<string, string>()));
    }

    [Fact]
    public void Compute_PrometheusSignatureExample_MatchesPrometheus()
    {
        // prometheus/common model.LabelsToSignature gives 5799056148416392346 (0x507a62d79ee76c9a) for this set.
        var labels = new Dictionary<string, string> { ["name"] = "garland, briggs", ["fear"] = "love is not enough" };

        Assert.Equal("507a62d79ee76c9a", LabelFingerprint.Compute(labels));
    }

    [Fact]
    public void Compute_LabelsInAnyOrder_SameFingerprint()
    {
        var forward = new Dictionary<string, string> { ["alertname"] = "FeedApiHighTraffic", ["service"] = "feed-api", ["severity"] = "page" };
        var backward = new Dictionary<string, string> { ["severity"] = "page", ["service"] = "feed-api", ["alertname"] = "FeedApiHighTraffic" };

        Assert.Equal(LabelFingerprint.Compute(forward), LabelFingerprint.Compute(backward));
    }

    [Fact]
    public void Compute_NameAndValueSwappedAcrossLabels_DifferentFingerprint()
    {
        var bbFirst = new Dictionary<string, string> { ["a"] = "bb", ["b"] = "c" };
        var bbSecond = new Dictionary<string, string> { ["a"] = "b", ["bb"] = "c" };

        Assert.NotEqual(LabelFingerprint.Compute(bbFirst), LabelFingerprint.Compute(bbSecond));
    }

    [Fact]
    public void Compute_ChineseLabels_HashesUtf8Bytes()
    {
        var labels = new Dictionary<string, string> { ["服务"] = "订单", ["alertname"] = "高流量" };

        // FNV-1a 64 over the UTF-8 bytes with 0xff separators; hashing the UTF-16 code units would give 224c520104984eca.
        Assert.Equal("5f4eb35ef2656bf1", LabelFingerprint.Compute(labels));
    }

    [Fact]
    public void Compute_NamesOutsideBasicPlane_SortsByUtf8Bytes()
    {
        var labels = new Dictionary<string, string> { ["\uFF21"] = "x", ["\U0001F600"] = "y" };

        Assert.Equal("1cee7fb60dc2f04b", LabelFingerprint.Compute(labels));
    }
}
