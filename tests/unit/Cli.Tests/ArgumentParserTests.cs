using Surge.Cli.Arguments;
using Surge.Cli.Commands;

namespace Surge.Cli.Tests;

public class ArgumentParserTests
{
    [Fact]
    public void Parse_ShortAlias_SetsLongOption()
    {
        var parsed = ArgumentParser.Parse(ApplyOptions.Spec, ["-f", "fleet.yaml"]);

        Assert.Equal("fleet.yaml", parsed.Option("file"));
    }

    [Fact]
    public void Parse_EqualsForm_SetsValue()
    {
        var parsed = ArgumentParser.Parse(ApplyOptions.Spec, ["--file=fleet.yaml", "--gateway=http://127.0.0.1:6080"]);

        Assert.Equal("fleet.yaml", parsed.Option("file"));
        Assert.Equal("http://127.0.0.1:6080", parsed.Option("gateway"));
    }

    [Fact]
    public void Parse_Positional_IsKeptInOrder()
    {
        var parsed = ArgumentParser.Parse(SagaOptions.Spec, ["--gateway", "http://127.0.0.1:6080", "saga-1"]);

        Assert.Equal(["saga-1"], parsed.Positionals);
        Assert.Equal("http://127.0.0.1:6080", parsed.Option("gateway"));
    }

    [Theory]
    [InlineData("--help")]
    [InlineData("-h")]
    public void Parse_HelpFlag_SkipsOtherChecks(string flag)
    {
        var parsed = ArgumentParser.Parse(SagaOptions.Spec, [flag]);

        Assert.True(parsed.HelpRequested);
    }

    [Fact]
    public void Parse_UnknownOption_IsUsageError()
    {
        var error = Assert.Throws<UsageException>(() => ArgumentParser.Parse(ApplyOptions.Spec, ["--fleet", "x"]));

        Assert.Contains("--fleet", error.Message);
        Assert.Equal("apply", error.Command);
    }

    [Fact]
    public void Parse_UnknownShortOption_IsUsageError()
    {
        Assert.Throws<UsageException>(() => ArgumentParser.Parse(ApplyOptions.Spec, ["-x", "1"]));
    }

    [Fact]
    public void Parse_OptionWithoutValue_IsUsageError()
    {
        var error = Assert.Throws<UsageException>(() => ArgumentParser.Parse(ApplyOptions.Spec, ["--file"]));

        Assert.Contains("--file", error.Message);
    }

    [Fact]
    public void Parse_OptionFollowedByOption_IsUsageError()
    {
        Assert.Throws<UsageException>(() => ArgumentParser.Parse(ApplyOptions.Spec, ["--file", "--gateway", "http://x"]));
    }

    [Fact]
    public void Parse_RepeatedOption_IsUsageError()
    {
        Assert.Throws<UsageException>(() => ArgumentParser.Parse(ApplyOptions.Spec, ["-f", "a.yaml", "--file", "b.yaml"]));
    }

    [Fact]
    public void Parse_MissingPositional_IsUsageError()
    {
        var error = Assert.Throws<UsageException>(() => ArgumentParser.Parse(SagaOptions.Spec, []));

        Assert.Contains("ID", error.Message);
    }

    [Fact]
    public void Parse_ExtraPositional_IsUsageError()
    {
        var error = Assert.Throws<UsageException>(() => ArgumentParser.Parse(ApplyOptions.Spec, ["-f", "a.yaml", "stray"]));

        Assert.Contains("stray", error.Message);
    }

    [Fact]
    public void Parse_OptionalPositionalAbsent_IsAccepted()
    {
        var parsed = ArgumentParser.Parse(InventoryOptions.Spec, ["--cpu", "500", "--memory", "512"]);

        Assert.Empty(parsed.Positionals);
    }

    [Fact]
    public void Parse_Flag_TakesNoValue()
    {
        var parsed = ArgumentParser.Parse(InventoryOptions.Spec, ["--json", "feed-api"]);

        Assert.True(parsed.Flag("json"));
        Assert.Equal(["feed-api"], parsed.Positionals);
        Assert.Null(parsed.Option("json"));
    }

    [Fact]
    public void Parse_FlagAbsent_IsFalse()
    {
        var parsed = ArgumentParser.Parse(InventoryOptions.Spec, ["feed-api"]);

        Assert.False(parsed.Flag("json"));
    }

    [Fact]
    public void Parse_FlagWithValue_IsUsageError()
    {
        var error = Assert.Throws<UsageException>(() => ArgumentParser.Parse(InventoryOptions.Spec, ["--json=yes", "feed-api"]));

        Assert.Contains("--json", error.Message);
        Assert.Contains("yes", error.Message);
    }

    [Fact]
    public void Parse_RepeatedFlag_IsUsageError()
    {
        Assert.Throws<UsageException>(() => ArgumentParser.Parse(InventoryOptions.Spec, ["--json", "--json", "feed-api"]));
    }

    [Fact]
    public void Parse_FlagOnOtherCommand_IsUnknown()
    {
        var error = Assert.Throws<UsageException>(() => ArgumentParser.Parse(SagaOptions.Spec, ["saga-1", "--json"]));

        Assert.Contains("--json", error.Message);
    }

    [Fact]
    public void Parse_NegativeNumber_IsAValue()
    {
        var parsed = ArgumentParser.Parse(InventoryOptions.Spec, ["--cpu", "-5", "feed-api"]);

        Assert.Equal("-5", parsed.Option("cpu"));
    }

    [Fact]
    public void Parse_FlagAfterValueOption_IsUsageError()
    {
        var error = Assert.Throws<UsageException>(() => ArgumentParser.Parse(InventoryOptions.Spec, ["--cpu", "--json"]));

        Assert.Contains("--cpu", error.Message);
    }
}
