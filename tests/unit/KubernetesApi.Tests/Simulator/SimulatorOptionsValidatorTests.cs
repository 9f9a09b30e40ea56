using Surge.Simulators.KubernetesApi.Options;

namespace Surge.KubernetesApi.Tests.Simulator;

public class SimulatorOptionsValidatorTests
{
    private static IEnumerable<string> Validate(SimulatorOptions options) =>
        new SimulatorOptionsValidator().Validate(null, options).Failures ?? [];

    [Fact]
    public void Validate_Defaults_Succeeds() =>
        Assert.Empty(Validate(new SimulatorOptions()));

    [Fact]
    public void Validate_NegativeDelay_NamesKey() =>
        Assert.Contains(Validate(new SimulatorOptions { Kubelet = { PullDelay = TimeSpan.FromSeconds(-1) } }), error => error.StartsWith("KubernetesApi:Kubelet:PullDelay", StringComparison.Ordinal));

    [Fact]
    public void Validate_BadDigest_NamesKey() =>
        Assert.Contains(Validate(new SimulatorOptions { ImageDigests = [new ImageDigestOptions { Image = "app:1", Digest = "sha256:xyz" }] }), error => error.StartsWith("KubernetesApi:ImageDigests:0:Digest", StringComparison.Ordinal));

    [Fact]
    public void DigestOf_ListedTags_ShareDigest()
    {
        var digest = "sha256:" + new string('1', 64);
        var options = new SimulatorOptions { ImageDigests = [new() { Image = "app:1", Digest = digest }, new() { Image = "app:1-stable", Digest = digest }] };

        Assert.Equal(options.DigestOf("app:1"), options.DigestOf("app:1-stable"));
        Assert.NotEqual(options.DigestOf("app:2"), options.DigestOf("app:3"));
    }
}
