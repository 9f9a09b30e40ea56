using Surge.Cli.Arguments;
using Surge.Cli.Commands;
using Surge.Cli.Http;

namespace Surge.Cli.Tests;

public class IpamOptionsTests
{
    private static readonly Guid Instance = Guid.Parse("3f6c2a9e-5d1b-4c7e-9a2f-0b8d7e6c5a41");

    [Fact]
    public void Allocations_NoOptions_HasEmptyFilter()
    {
        var options = Allocations();

        Assert.True(options.Filter.IsEmpty);
        Assert.Equal("", options.Filter.ToQueryString());
        Assert.False(options.Json);
        Assert.Equal(new Uri("http://127.0.0.1:5080/"), options.Gateway);
    }

    [Fact]
    public void Allocations_AllFilters_AreRead()
    {
        var options = Allocations("--instance", Instance.ToString(), "--node", "feed-node-1", "--subnet=feed-net", "--address", "10.20.0.3", "--json");

        Assert.Equal(new AllocationFilter(Instance, "feed-node-1", "feed-net", "10.20.0.3"), options.Filter);
        Assert.False(options.Filter.IsEmpty);
        Assert.True(options.Json);
    }

    [Theory]
    [InlineData("3F6C2A9E-5D1B-4C7E-9A2F-0B8D7E6C5A41")]
    [InlineData("3f6c2a9e5d1b4c7e9a2f0b8d7e6c5a41")]
    [InlineData("{3f6c2a9e-5d1b-4c7e-9a2f-0b8d7e6c5a41}")]
    public void Allocations_InstanceForms_AreOneUuid(string text)
    {
        Assert.Equal(Instance, Allocations("--instance", text).Filter.InstanceId);
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("3f6c2a9e-5d1b-4c7e-9a2f")]
    [InlineData("-5")]
    public void Allocations_InstanceNotUuid_IsUsageError(string text)
    {
        var error = Assert.Throws<UsageException>(() => Allocations("--instance", text));

        Assert.Contains("--instance", error.Message);
        Assert.Contains(text, error.Message);
        Assert.Equal("allocations", error.Command);
    }

    [Theory]
    [InlineData("10.20.0.3", "10.20.0.3")]
    [InlineData("FD00:0:0::0002", "fd00::2")]
    [InlineData("::ffff:10.20.0.3", "::ffff:10.20.0.3")]
    public void Allocations_Address_IsCanonical(string typed, string sent)
    {
        Assert.Equal(sent, Allocations("--address", typed).Filter.Address);
    }

    [Theory]
    [InlineData("10.1")]
    [InlineData("010.20.0.3")]
    [InlineData("10.20.0.300")]
    [InlineData("10.20.0.0/24")]
    [InlineData("fe80::1%eth0")]
    [InlineData("fe80::1%2")]
    [InlineData("feed-node-1")]
    public void Allocations_AddressInvalid_IsUsageError(string text)
    {
        var error = Assert.Throws<UsageException>(() => Allocations("--address", text));

        Assert.Contains("--address", error.Message);
        Assert.Contains(text, error.Message);
    }

    [Theory]
    [InlineData("--node")]
    [InlineData("--subnet")]
    [InlineData("--instance")]
    [InlineData("--address")]
    public void Allocations_EmptyValue_IsUsageError(string option)
    {
        var error = Assert.Throws<UsageException>(() => Allocations(option + "= "));

        Assert.Contains(option, error.Message);
    }

    [Fact]
    public void Allocations_RepeatedNode_IsUsageError()
    {
        var error = Assert.Throws<UsageException>(() => Allocations("--node", "a", "--node", "b"));

        Assert.Contains("--node", error.Message);
    }

    [Fact]
    public void Allocations_Positional_IsUsageError()
    {
        var error = Assert.Throws<UsageException>(() => Allocations("feed-net"));

        Assert.Contains("feed-net", error.Message);
    }

    [Fact]
    public void Conflicts_Subnet_IsRead()
    {
        var options = ConflictsOptions.From(ArgumentParser.Parse(ConflictsOptions.Spec, ["--subnet", "feed-net", "--json"]), _ => null);

        Assert.Equal("feed-net", options.Subnet);
        Assert.True(options.Json);
    }

    [Fact]
    public void Conflicts_NoSubnet_IsNull()
    {
        var options = ConflictsOptions.From(ArgumentParser.Parse(ConflictsOptions.Spec, []), _ => null);

        Assert.Null(options.Subnet);
        Assert.False(options.Json);
    }

    [Fact]
    public void Subnets_GatewayFromEnvironment_IsUsed()
    {
        var options = SubnetsOptions.From(
            ArgumentParser.Parse(SubnetsOptions.Spec, []),
            name => name == OptionReader.GatewayVariable ? "http://127.0.0.1:6080" : null);

        Assert.Equal(new Uri("http://127.0.0.1:6080/"), options.Gateway);
    }

    [Fact]
    public void Subnets_UnknownOption_IsUsageError()
    {
        var error = Assert.Throws<UsageException>(() => ArgumentParser.Parse(SubnetsOptions.Spec, ["--subnet", "feed-net"]));

        Assert.Contains("--subnet", error.Message);
        Assert.Equal("subnets", error.Command);
    }

    [Fact]
    public void Filter_Values_AreEscaped()
    {
        var filter = new AllocationFilter(Instance, "node a&b", "feed-net", "fd00::2");

        Assert.Equal(
            "?instanceId=3f6c2a9e-5d1b-4c7e-9a2f-0b8d7e6c5a41&node=node%20a%26b&subnet=feed-net&address=fd00%3A%3A2",
            filter.ToQueryString());
    }

    private static AllocationsOptions Allocations(params string[] commandLine) =>
        AllocationsOptions.From(ArgumentParser.Parse(AllocationsOptions.Spec, commandLine), _ => null);
}
