using Surge.Ipam.Subnets;
using Surge.ServiceDefaults.Problems;

namespace Surge.Ipam.Tests.Subnets.Validation;

/// <summary>The network mode of a specification: macvlan by default, or one of the listed modes.</summary>
public sealed class NetworkModeValidationTests
{
    private static readonly IReadOnlyDictionary<string, string> NoOthers = new Dictionary<string, string>();

    [Fact]
    public void Validate_NoMode_IsMacvlan()
    {
        var definition = SubnetSpecValidator.Validate("feed", new SubnetSpec("10.0.0.0/24", null, ["feed-pool"], null), NoOthers);

        Assert.Equal(NetworkModes.Macvlan, definition.EffectiveLayout.Mode);
    }

    [Fact]
    public void Validate_ExplicitMacvlan_IsAccepted()
    {
        var definition = SubnetSpecValidator.Validate("feed", new SubnetSpec("10.0.0.0/24", null, ["feed-pool"], null, NetworkModes.Macvlan), NoOthers);

        Assert.Equal(NetworkModes.Macvlan, definition.EffectiveLayout.Mode);
    }

    [Theory]
    [InlineData("vxlan")]
    [InlineData("Macvlan")]
    [InlineData("")]
    public void Validate_UnknownMode_ListsModes(string mode)
    {
        var error = Assert.Throws<RequestValidationException>(() =>
            SubnetSpecValidator.Validate("feed", new SubnetSpec("10.0.0.0/24", null, ["feed-pool"], null, mode), NoOthers));

        var message = Assert.Single(error.Errors["spec.mode"]);
        Assert.Contains($"'{mode}' is not a network mode", message);
        Assert.Contains("macvlan, underlay, eni", message);
    }

    [Fact]
    public void Validate_UnknownModeAndBadCidr_ReportsBoth()
    {
        var error = Assert.Throws<RequestValidationException>(() =>
            SubnetSpecValidator.Validate("feed", new SubnetSpec("10.0.0.1/24", null, ["feed-pool"], null, "vxlan"), NoOthers));

        Assert.Equal(["spec.cidr", "spec.mode"], error.Errors.Keys.Order());
    }

    [Fact]
    public void NetworkModes_All_ListsEachMode()
    {
        Assert.Equal(["macvlan", "underlay", "eni"], NetworkModes.All);
    }
}
