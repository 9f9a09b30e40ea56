using Surge.Ipam.Subnets;
using Surge.ServiceDefaults.Problems;

namespace Surge.Ipam.Tests.Subnets.Validation;

/// <summary>The size of node blocks: /28 or /124 by default, and never wider than the subnet or its narrowest rack.</summary>
public sealed class BlockPrefixLengthValidationTests
{
    private static readonly IReadOnlyDictionary<string, string> NoOthers = new Dictionary<string, string>();

    private static SubnetSpec Spec(string cidr, int? blockPrefixLength) => new(cidr, null, ["feed-pool"], null, BlockPrefixLength: blockPrefixLength);

    private static int Accepted(SubnetSpec spec) => SubnetSpecValidator.Validate("feed", spec, NoOthers).EffectiveLayout.BlockPrefixLength;

    private static string Rejected(SubnetSpec spec) =>
        Assert.Single(Assert.Throws<RequestValidationException>(() => SubnetSpecValidator.Validate("feed", spec, NoOthers)).Errors["spec.blockPrefixLength"]);

    [Theory]
    [InlineData("10.0.0.0/16", 28)]
    [InlineData("10.0.0.0/24", 28)]
    [InlineData("10.0.0.0/28", 28)]
    [InlineData("10.0.0.0/30", 30)]
    [InlineData("10.0.0.9/32", 32)]
    [InlineData("fd00::/64", 124)]
    [InlineData("fd00::/126", 126)]
    public void Validate_NoBlockSize_UsesDefault(string cidr, int expected)
    {
        Assert.Equal(expected, Accepted(Spec(cidr, null)));
    }

    [Theory]
    [InlineData("10.0.0.0/24", 24)]
    [InlineData("10.0.0.0/24", 26)]
    [InlineData("10.0.0.0/24", 32)]
    [InlineData("fd00::/64", 64)]
    [InlineData("fd00::/64", 128)]
    public void Validate_BlockSizeInBounds_IsKept(string cidr, int blockPrefixLength)
    {
        Assert.Equal(blockPrefixLength, Accepted(Spec(cidr, blockPrefixLength)));
    }

    [Theory]
    [InlineData("10.0.0.0/24", 23, "must be from 24 (the subnet) to 32")]
    [InlineData("10.0.0.0/24", 33, "must be from 24 (the subnet) to 32")]
    [InlineData("10.0.0.0/24", -1, "must be from 24 (the subnet) to 32")]
    [InlineData("fd00::/64", 129, "must be from 64 (the subnet) to 128")]
    [InlineData("fd00::/64", 32, "must be from 64 (the subnet) to 128")]
    public void Validate_BlockSizeOutOfBounds_NamesField(string cidr, int blockPrefixLength, string expected)
    {
        Assert.Contains(expected, Rejected(Spec(cidr, blockPrefixLength)));
    }

    [Fact]
    public void Validate_BlockWiderThanNarrowestRack_NamesRack()
    {
        var racks = new[] { new RackSpec("rack-a", "10.0.0.0/25", ["node-1"]), new RackSpec("rack-b", "10.0.0.128/26", ["node-2"]) };
        var spec = new SubnetSpec("10.0.0.0/24", null, null, null, NetworkModes.Underlay, racks, BlockPrefixLength: 25);

        Assert.Contains("must be from 26 (the narrowest rack) to 32", Rejected(spec));
    }

    [Fact]
    public void Validate_BlockFitsNarrowestRack_IsKept()
    {
        var racks = new[] { new RackSpec("rack-a", "10.0.0.0/25", ["node-1"]), new RackSpec("rack-b", "10.0.0.128/26", ["node-2"]) };
        var spec = new SubnetSpec("10.0.0.0/24", null, null, null, NetworkModes.Underlay, racks, BlockPrefixLength: 26);

        Assert.Equal(26, Accepted(spec));
    }

    [Fact]
    public void Validate_BadCidr_SkipsBlockSizeCheck()
    {
        var error = Assert.Throws<RequestValidationException>(() => SubnetSpecValidator.Validate("feed", Spec("10.0.0.1/24", 99), NoOthers));

        Assert.False(error.Errors.ContainsKey("spec.blockPrefixLength"));
        Assert.True(error.Errors.ContainsKey("spec.cidr"));
    }
}
