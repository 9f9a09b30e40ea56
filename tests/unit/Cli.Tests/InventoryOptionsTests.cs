using Surge.Cli.Arguments;
using Surge.Cli.Commands;
using Surge.Cli.Http;

namespace Surge.Cli.Tests;

public class InventoryOptionsTests
{
    [Fact]
    public void ServiceOnly_UsesGet()
    {
        var options = Parse("feed-api");

        Assert.Equal("feed-api", options.Service);
        Assert.Null(options.Shape);
        Assert.Null(options.Strategy);
        Assert.False(options.Json);
        Assert.False(options.NeedsPost);
        Assert.Equal(new Uri("http://127.0.0.1:5080/"), options.Gateway);
    }

    [Fact]
    public void ShapeWithoutService_UsesPost()
    {
        var options = Parse("--cpu", "500", "--memory=512", "--json");

        Assert.Null(options.Service);
        Assert.Equal(new InventoryShape(500, 512), options.Shape);
        Assert.True(options.Json);
        Assert.True(options.NeedsPost);
        Assert.Equal(new InventoryQuery(new InventoryShape(500, 512), null, null), options.ToQuery());
    }

    [Fact]
    public void ServiceAndShape_SendsBoth()
    {
        var options = Parse("--cpu", "250", "feed-api", "--memory", "256", "--strategy", "pack");

        Assert.Equal(new InventoryQuery(new InventoryShape(250, 256), "feed-api", "pack"), options.ToQuery());
    }

    [Fact]
    public void StrategyWithService_UsesPost()
    {
        var options = Parse("feed-api", "--strategy", "Spread");

        Assert.True(options.NeedsPost);
        Assert.Equal("spread", options.Strategy);
        Assert.Null(options.Shape);
    }

    [Theory]
    [InlineData("--cpu", "500")]
    [InlineData("feed-api", "--cpu", "500")]
    public void CpuWithoutMemory_NamesMemory(params string[] commandLine)
    {
        var error = Assert.Throws<UsageException>(() => Parse(commandLine));

        Assert.Contains("--memory", error.Message);
        Assert.Equal("inventory", error.Command);
    }

    [Fact]
    public void MemoryWithoutCpu_NamesCpu()
    {
        var error = Assert.Throws<UsageException>(() => Parse("--memory", "512"));

        Assert.Contains("--cpu", error.Message);
    }

    [Theory]
    [InlineData("--cpu", "0")]
    [InlineData("--cpu", "-5")]
    [InlineData("--cpu", "half")]
    [InlineData("--memory", "0")]
    [InlineData("--memory", "1.5")]
    [InlineData("--memory", "99999999999")]
    public void NonPositiveOrInvalidNumber_IsUsageError(string option, string value)
    {
        string[] shape = option == "--cpu" ? ["--memory", "512"] : ["--cpu", "500"];

        var error = Assert.Throws<UsageException>(() => Parse([option, value, .. shape]));

        Assert.Contains(option, error.Message);
        Assert.Contains(value, error.Message);
    }

    [Fact]
    public void UnknownStrategy_ListsChoices()
    {
        var error = Assert.Throws<UsageException>(() => Parse("feed-api", "--strategy", "diagonal"));

        Assert.Contains("diagonal", error.Message);
        Assert.Contains("spread, pack", error.Message);
    }

    [Theory]
    [InlineData]
    [InlineData("--strategy", "pack")]
    [InlineData("--json")]
    public void NoServiceNorShape_IsUsageError(params string[] commandLine)
    {
        var error = Assert.Throws<UsageException>(() => Parse(commandLine));

        Assert.Contains("--cpu", error.Message);
    }

    [Fact]
    public void EmptyService_IsUsageError()
    {
        var error = Assert.Throws<UsageException>(() => Parse(" "));

        Assert.Contains("SERVICE", error.Message);
    }

    [Fact]
    public void TwoServices_IsUsageError()
    {
        var error = Assert.Throws<UsageException>(() => Parse("feed-api", "search-api"));

        Assert.Contains("search-api", error.Message);
    }

    private static InventoryOptions Parse(params string[] commandLine) =>
        InventoryOptions.From(ArgumentParser.Parse(InventoryOptions.Spec, commandLine), _ => null);
}
