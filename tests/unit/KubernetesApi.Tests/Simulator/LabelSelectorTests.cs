using System.Text.Json.Nodes;
using Surge.Simulators.KubernetesApi.Store;

namespace Surge.KubernetesApi.Tests.Simulator;

public class LabelSelectorTests
{
    private static readonly JsonObject Labels = new() { ["surge.io/service"] = "feed", ["surge.io/version"] = "1.2" };

    [Theory]
    [InlineData("surge.io/service=feed", true)]
    [InlineData("surge.io/service==feed", true)]
    [InlineData("surge.io/service=feed,surge.io/version=1.2", true)]
    [InlineData("surge.io/service=feed,surge.io/version=1.3", false)]
    [InlineData("surge.io/service!=feed", false)]
    [InlineData("surge.io/version", true)]
    [InlineData("!surge.io/version", false)]
    [InlineData("", true)]
    public void Matches_EqualityTerms(string selector, bool matches) =>
        Assert.Equal(matches, LabelSelector.Parse(selector).Matches(Labels));

    [Fact]
    public void Parse_SetBasedTerm_Throws() =>
        Assert.Throws<FormatException>(() => LabelSelector.Parse("env in (a,b)"));
}
