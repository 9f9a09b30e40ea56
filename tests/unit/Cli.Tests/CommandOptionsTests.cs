using Surge.Cli.Arguments;
using Surge.Cli.Commands;

namespace Surge.Cli.Tests;

public class CommandOptionsTests
{
    private static readonly Func<string, string?> NoEnvironment = _ => null;

    [Fact]
    public void DemoOptions_NoArguments_UsesDefaults()
    {
        var options = DemoOptions.From(ArgumentParser.Parse(DemoOptions.Spec, []), NoEnvironment);

        Assert.Equal(new Uri("http://127.0.0.1:5080/"), options.Gateway);
        Assert.Equal(new Uri("http://127.0.0.1:5090/"), options.DataPlane);
        Assert.Equal("samples/demo-fleet.yaml", options.FleetFile);
        Assert.Equal("feed-api", options.Service);
        Assert.Equal(60, options.Requests);
        Assert.Equal(TimeSpan.FromSeconds(90), options.Timeout);
    }

    [Fact]
    public void DemoOptions_EnvironmentVariables_OverrideDefaultUrls()
    {
        var environment = new Dictionary<string, string?>
        {
            ["SURGE_GATEWAY_URL"] = "http://127.0.0.1:5180",
            ["SURGE_DATA_PLANE_URL"] = "http://127.0.0.1:5190/",
        };

        var options = DemoOptions.From(ArgumentParser.Parse(DemoOptions.Spec, []), name => environment.GetValueOrDefault(name));

        Assert.Equal(new Uri("http://127.0.0.1:5180/"), options.Gateway);
        Assert.Equal(new Uri("http://127.0.0.1:5190/"), options.DataPlane);
    }

    [Fact]
    public void DemoOptions_Option_WinsOverEnvironment()
    {
        var arguments = ArgumentParser.Parse(DemoOptions.Spec, ["--gateway", "http://127.0.0.1:6080"]);

        var options = DemoOptions.From(arguments, _ => "http://127.0.0.1:5180");

        Assert.Equal(new Uri("http://127.0.0.1:6080/"), options.Gateway);
    }

    [Fact]
    public void Gateway_WithPath_KeepsPath()
    {
        var arguments = ArgumentParser.Parse(DemoOptions.Spec, ["--gateway", "http://127.0.0.1:6080/surge"]);

        var options = DemoOptions.From(arguments, NoEnvironment);

        Assert.Equal(new Uri("http://127.0.0.1:6080/surge/api/fleet"), new Uri(options.Gateway, "api/fleet"));
    }

    [Theory]
    [InlineData("--requests", "0")]
    [InlineData("--requests", "ten")]
    [InlineData("--requests", "10001")]
    [InlineData("--timeout", "3601")]
    [InlineData("--gateway", "127.0.0.1:5080")]
    [InlineData("--data-plane", "ftp://127.0.0.1/")]
    [InlineData("--service", "")]
    public void DemoOptions_InvalidValue_IsUsageError(string option, string value)
    {
        var arguments = ArgumentParser.Parse(DemoOptions.Spec, [option, value]);

        var error = Assert.Throws<UsageException>(() => DemoOptions.From(arguments, NoEnvironment));

        Assert.Contains(option, error.Message);
    }

    [Fact]
    public void DemoOptions_InvalidEnvironmentUrl_NamesTheVariable()
    {
        var arguments = ArgumentParser.Parse(DemoOptions.Spec, []);

        var error = Assert.Throws<UsageException>(() => DemoOptions.From(arguments, _ => "not a url"));

        Assert.Contains("SURGE_GATEWAY_URL", error.Message);
    }

    [Fact]
    public void AlarmOptions_OnlyService_UsesDefaults()
    {
        var options = AlarmOptions.From(ArgumentParser.Parse(AlarmOptions.Spec, ["--service", "feed-api"]), NoEnvironment);

        Assert.Equal("feed-api", options.Service);
        Assert.Equal("FeedApiHighTraffic", options.AlertName);
        Assert.Null(options.StartsAt);
    }

    [Fact]
    public void AlarmOptions_StartsAt_KeepsItsOffset()
    {
        var arguments = ArgumentParser.Parse(AlarmOptions.Spec, ["--service", "s", "--starts-at", "2026-12-04T10:00:00.5+02:00"]);

        var options = AlarmOptions.From(arguments, NoEnvironment);

        Assert.Equal(new DateTimeOffset(2026, 12, 4, 10, 0, 0, 500, TimeSpan.FromHours(2)), options.StartsAt);
    }

    [Fact]
    public void AlarmOptions_StartsAtWithoutOffset_IsUtc()
    {
        var arguments = ArgumentParser.Parse(AlarmOptions.Spec, ["--service", "s", "--starts-at", "2026-12-04T10:00:00"]);

        var options = AlarmOptions.From(arguments, NoEnvironment);

        Assert.Equal(TimeSpan.Zero, options.StartsAt!.Value.Offset);
    }

    [Fact]
    public void AlarmOptions_MissingService_IsUsageError()
    {
        var error = Assert.Throws<UsageException>(() => AlarmOptions.From(ArgumentParser.Parse(AlarmOptions.Spec, []), NoEnvironment));

        Assert.Contains("--service", error.Message);
    }

    [Fact]
    public void ApplyOptions_MissingFile_IsUsageError()
    {
        Assert.Throws<UsageException>(() => ApplyOptions.From(ArgumentParser.Parse(ApplyOptions.Spec, []), NoEnvironment));
    }

    [Fact]
    public void SagaOptions_Id_IsThePositional()
    {
        var options = SagaOptions.From(ArgumentParser.Parse(SagaOptions.Spec, ["abc"]), NoEnvironment);

        Assert.Equal("abc", options.SagaId);
    }
}
