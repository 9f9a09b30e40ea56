using Surge.Ipam.Subnets;
using Surge.ServiceDefaults.Problems;

namespace Surge.Ipam.Tests.Subnets.Validation;

/// <summary>The interface limits: required in an eni subnet, forbidden elsewhere, and sized as one aligned block each.</summary>
public sealed class InterfaceValidationTests
{
    private static readonly IReadOnlyDictionary<string, string> NoOthers = new Dictionary<string, string>();

    private static SubnetSpec Eni(InterfaceSpec? interfaces, string cidr = "10.0.0.0/24", string[]? pools = null, string[]? nodes = null, int? blockPrefixLength = null) =>
        new(cidr, null, pools, nodes ?? ["node-1"], NetworkModes.Eni, BlockPrefixLength: blockPrefixLength, Interfaces: interfaces);

    private static RequestValidationException Invalid(SubnetSpec spec) =>
        Assert.Throws<RequestValidationException>(() => SubnetSpecValidator.Validate("feed", spec, NoOthers));

    [Fact]
    public void Validate_EniWithInterfaces_DerivesBlockSize()
    {
        var layout = SubnetSpecValidator.Validate("feed", Eni(new InterfaceSpec(4, 16)), NoOthers).EffectiveLayout;

        Assert.Equal(NetworkModes.Eni, layout.Mode);
        Assert.Equal(new InterfaceLimits(4, 16), layout.Interfaces);
        Assert.Equal(28, layout.BlockPrefixLength);
    }

    [Theory]
    [InlineData("10.0.0.0/24", 1, 32)]
    [InlineData("10.0.0.0/24", 2, 31)]
    [InlineData("10.0.0.0/24", 256, 24)]
    [InlineData("fd00::/64", 16, 124)]
    [InlineData("fd00::/64", 1, 128)]
    public void Validate_InterfaceSize_SetsBlockPrefixLength(string cidr, int addressesPerInterface, int prefixLength)
    {
        var layout = SubnetSpecValidator.Validate("feed", Eni(new InterfaceSpec(2, addressesPerInterface), cidr), NoOthers).EffectiveLayout;

        Assert.Equal(prefixLength, layout.BlockPrefixLength);
    }

    [Fact]
    public void Validate_EniWithoutInterfaces_NamesInterfaces()
    {
        var error = Invalid(Eni(null));

        Assert.Contains("needs interfaces.maxPerNode and interfaces.addressesPerInterface", Assert.Single(error.Errors["spec.interfaces"]));
    }

    [Theory]
    [InlineData(null, 16)]
    [InlineData(4, null)]
    public void Validate_EniInterfaceFieldMissing_NamesInterfaces(int? maxPerNode, int? addressesPerInterface)
    {
        var error = Invalid(Eni(new InterfaceSpec(maxPerNode, addressesPerInterface)));

        Assert.True(error.Errors.ContainsKey("spec.interfaces"));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    [InlineData(12)]
    [InlineData(512)]
    [InlineData(-16)]
    public void Validate_NotPowerOfTwoInRange_NamesAddressesPerInterface(int addressesPerInterface)
    {
        var error = Invalid(Eni(new InterfaceSpec(4, addressesPerInterface)));

        Assert.Contains("must be a power of two from 1 to 256", Assert.Single(error.Errors["spec.interfaces.addressesPerInterface"]));
    }

    [Fact]
    public void Validate_InterfaceLargerThanSubnet_NamesAddressesPerInterface()
    {
        var error = Invalid(Eni(new InterfaceSpec(4, 32), cidr: "10.0.0.0/28"));

        Assert.Contains("is more than the 16 addresses of 10.0.0.0/28", Assert.Single(error.Errors["spec.interfaces.addressesPerInterface"]));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(65)]
    public void Validate_MaxPerNodeOutOfRange_NamesMaxPerNode(int maxPerNode)
    {
        var error = Invalid(Eni(new InterfaceSpec(maxPerNode, 16)));

        Assert.Contains("must be from 1 to 64", Assert.Single(error.Errors["spec.interfaces.maxPerNode"]));
    }

    [Fact]
    public void Validate_BothLimitsWrong_NamesEachField()
    {
        var error = Invalid(Eni(new InterfaceSpec(0, 12)));

        Assert.Equal(["spec.interfaces.addressesPerInterface", "spec.interfaces.maxPerNode"], error.Errors.Keys.Order());
    }

    [Theory]
    [InlineData(NetworkModes.Macvlan)]
    [InlineData(null)]
    public void Validate_InterfacesOutsideEni_NamesInterfaces(string? mode)
    {
        var spec = new SubnetSpec("10.0.0.0/24", null, ["feed-pool"], null, mode, Interfaces: new InterfaceSpec(4, 16));

        var error = Invalid(spec);

        Assert.Contains("interfaces apply only to eni subnets", Assert.Single(error.Errors["spec.interfaces"]));
    }

    [Fact]
    public void Validate_EniWithPools_NamesPools()
    {
        var error = Invalid(Eni(new InterfaceSpec(4, 16), pools: ["feed-pool"]));

        Assert.Contains("serves the cloud nodes it lists", Assert.Single(error.Errors["spec.pools"]));
    }

    [Fact]
    public void Validate_EniBlockSizeMismatch_NamesBlockPrefixLength()
    {
        var error = Invalid(Eni(new InterfaceSpec(4, 16), blockPrefixLength: 27));

        Assert.Contains("need /28", Assert.Single(error.Errors["spec.blockPrefixLength"]));
    }

    [Fact]
    public void Validate_EniMatchingBlockSize_IsAccepted()
    {
        var layout = SubnetSpecValidator.Validate("feed", Eni(new InterfaceSpec(4, 16), blockPrefixLength: 28), NoOthers).EffectiveLayout;

        Assert.Equal(28, layout.BlockPrefixLength);
    }
}
