using System.Net;
using Surge.Cli.Arguments;
using Surge.Cli.Commands;

namespace Surge.Cli.Tests;

public class RolloutOptionsTests
{
    private static readonly Func<string, string?> NoEnvironment = _ => null;

    [Fact]
    public void Start_AllOptions_FillTheRequest()
    {
        var arguments = ArgumentParser.Parse(RolloutStartOptions.Spec,
        [
            "feed-api", "registry.local/feed-api:1.1.0", "--strategy", "Recreate", "--batch-size", "25%", "--max-unavailable", "3",
            "--pause", "30s", "--http-path", "/healthz", "--max-error-rate", "1%", "--window", "1m30s", "--failure-threshold", "2",
            "--drain-timeout", "00:01:00", "--wait", "--gateway", "http://127.0.0.1:6080",
        ]);

        var options = RolloutStartOptions.From(arguments, name => name == "USER" ? "alice" : null);

        var request = options.Request;
        Assert.Equal("feed-api", request.Service);
        Assert.Equal("registry.local/feed-api:1.1.0", request.Image);
        Assert.Equal("recreate", request.Strategy);
        Assert.Equal("25%", request.BatchSize);
        Assert.Equal(3, request.MaxUnavailable);
        Assert.Equal(TimeSpan.FromSeconds(30), request.PauseBetweenBatches);
        Assert.Equal("/healthz", request.HealthGate!.HttpPath);
        Assert.Equal(0.01, request.HealthGate.MaxErrorRate!.Value, 10);
        Assert.Equal(TimeSpan.FromSeconds(90), request.HealthGate.Window);
        Assert.Equal(2, request.FailureThreshold);
        Assert.Equal(TimeSpan.FromMinutes(1), request.DrainTimeout);
        Assert.Equal("alice (surge-cli)", request.RequestedBy);
        Assert.True(options.Wait);
        Assert.Equal(new Uri("http://127.0.0.1:6080/"), options.Gateway);
    }

    [Fact]
    public void Start_OnlyServiceAndImage_LeavesTheRestToTheGateway()
    {
        var options = RolloutStartOptions.From(ArgumentParser.Parse(RolloutStartOptions.Spec, ["feed-api", "feed-api:2"]), NoEnvironment);

        var request = options.Request;
        Assert.Null(request.Strategy);
        Assert.Null(request.BatchSize);
        Assert.Null(request.MaxUnavailable);
        Assert.Null(request.PauseBetweenBatches);
        Assert.Null(request.HealthGate);
        Assert.Null(request.FailureThreshold);
        Assert.Null(request.DrainTimeout);
        Assert.Equal("surge-cli", request.RequestedBy);
        Assert.False(options.Wait);
    }

    [Theory]
    [InlineData("3", 3)]
    [InlineData("1000", 1000)]
    public void Start_BatchSizeCount_IsANumber(string value, int expected)
    {
        var options = RolloutStartOptions.From(ArgumentParser.Parse(RolloutStartOptions.Spec, ["feed-api", "feed-api:2", "--batch-size", value]), NoEnvironment);

        Assert.Equal(expected, Assert.IsType<int>(options.Request.BatchSize));
    }

    [Fact]
    public void Start_MaxErrorRateShare_IsKept()
    {
        var options = RolloutStartOptions.From(ArgumentParser.Parse(RolloutStartOptions.Spec, ["feed-api", "feed-api:2", "--max-error-rate", "0.05"]), NoEnvironment);

        Assert.Equal(0.05, options.Request.HealthGate!.MaxErrorRate);
        Assert.Null(options.Request.HealthGate.HttpPath);
    }

    [Theory]
    [InlineData("30s", 30_000)]
    [InlineData("5m", 300_000)]
    [InlineData("1h30m", 5_400_000)]
    [InlineData("1m30s500ms", 90_500)]
    [InlineData("0s", 0)]
    [InlineData("00:01:30", 90_000)]
    [InlineData("1.00:00:00", 86_400_000)]
    public void DurationText_ValidValues_Parse(string text, long milliseconds)
    {
        Assert.Equal(TimeSpan.FromMilliseconds(milliseconds), DurationText.Parse(text));
    }

    [Theory]
    [InlineData("")]
    [InlineData("30")]
    [InlineData("soon")]
    [InlineData("5x")]
    [InlineData("s")]
    [InlineData("1h 30m")]
    [InlineData("-5s")]
    [InlineData("-00:00:05")]
    [InlineData("30s5")]
    public void DurationText_InvalidValues_AreNull(string text)
    {
        Assert.Null(DurationText.Parse(text));
    }

    [Theory]
    [InlineData("Invalid value 'three' for --batch-size: expected a count of instances such as 3, or a share of the running instances such as 25%.", "rollout start", "--batch-size", "three")]
    [InlineData("Invalid value '0' for --batch-size", "rollout start", "--batch-size", "0")]
    [InlineData("Invalid value '12.5%' for --batch-size", "rollout start", "--batch-size", "12.5%")]
    [InlineData("Invalid value 'soon' for --pause: expected a duration such as 30s, 5m, 1h30m or 00:01:30.", "rollout start", "--pause", "soon")]
    [InlineData("Invalid value '5x' for --window", "rollout start", "--window", "5x")]
    [InlineData("Invalid value '90' for --drain-timeout", "rollout start", "--drain-timeout", "90")]
    [InlineData("Invalid value '2' for --max-error-rate: expected a share from 0 to 1 such as 0.01, or a percentage such as 1%.", "rollout start", "--max-error-rate", "2")]
    [InlineData("Invalid value '150%' for --max-error-rate", "rollout start", "--max-error-rate", "150%")]
    [InlineData("Invalid value 'blue-green' for --strategy: use one of in-place, drained-in-place, recreate.", "rollout start", "--strategy", "blue-green")]
    [InlineData("Invalid value '0' for --max-unavailable", "rollout start", "--max-unavailable", "0")]
    [InlineData("Invalid value 'two' for --failure-threshold", "rollout start", "--failure-threshold", "two")]
    public async Task Start_InvalidOption_NamesOptionAndFixAndSendsNothing(string message, string help, string option, string value)
    {
        var handler = new RecordingHandler(HttpStatusCode.Accepted, "{}");

        var (exitCode, output, error) = await CliRun.RunAsync(handler, "rollout", "start", "feed-api", "feed-api:2", option, value);

        Assert.Equal(ExitCodes.Usage, exitCode);
        Assert.Empty(handler.Requests);
        Assert.Equal("", output);
        Assert.Contains(message, error);
        Assert.Contains($"Run 'surge-cli {help} --help' for its usage.", error);
    }

    [Theory]
    [InlineData("'rollout' needs a subcommand: start, show, list, pause, resume, abort, rollback.", "rollout", "rollout")]
    [InlineData("'rollout' needs a subcommand: start, show", "rollout", "rollout", "--gateway", "http://127.0.0.1:6080")]
    [InlineData("Unknown subcommand 'deploy' of 'rollout'; use one of: start, show, list, pause, resume, abort, rollback.", "rollout", "rollout", "deploy")]
    [InlineData("Missing argument IMAGE for 'rollout start'.", "rollout start", "rollout", "start", "feed-api")]
    [InlineData("Missing argument ID for 'rollout show'.", "rollout show", "rollout", "show")]
    [InlineData("Invalid rollout ID 'latest': expected a UUID such as 0193a5c4-7d2e-7b3f-9c1a-5e6f7a8b9c0d, as 'surge-cli rollout start' and 'surge-cli rollout list' print it.", "rollout show", "rollout", "show", "latest")]
    [InlineData("Invalid rollout ID '42'", "rollout abort", "rollout", "abort", "42")]
    [InlineData("Unknown option --reason for 'rollout resume'.", "rollout resume", "rollout", "resume", "0193a5c4-7d2e-7b3f-9c1a-5e6f7a8b9c0d", "--reason", "ready")]
    [InlineData("Unknown option --status for 'rollout list'.", "rollout list", "rollout", "list", "--status", "Running")]
    [InlineData("The value of --service is empty.", "rollout list", "rollout", "list", "--service", " ")]
    [InlineData("Unexpected argument", "rollout pause", "rollout", "pause", "0193a5c4-7d2e-7b3f-9c1a-5e6f7a8b9c0d", "now")]
    public async Task InvalidCommandLine_SaysWhatToFixAndSendsNothing(string message, string help, params string[] commandLine)
    {
        var handler = new RecordingHandler(HttpStatusCode.OK, "{}");

        var (exitCode, _, error) = await CliRun.RunAsync(handler, commandLine);

        Assert.Equal(ExitCodes.Usage, exitCode);
        Assert.Empty(handler.Requests);
        Assert.Contains(message, error);
        Assert.Contains($"Run 'surge-cli {help} --help' for its usage.", error);
    }

    [Fact]
    public async Task InvalidCommandLine_Chinese_IsTranslated()
    {
        var error = new StringWriter();
        using var http = new HttpClient(new RecordingHandler(HttpStatusCode.OK, "{}"));
        var context = new CliContext(new Output.CliOutput(new StringWriter(), error), NoEnvironment, TimeProvider.System, http, http);
        var previous = System.Globalization.CultureInfo.CurrentUICulture;
        int exitCode;
        try
        {
            exitCode = await CliApplication.RunAsync(
                ["rollout", "start", "feed-api", "feed-api:2", "--batch-size", "three", "--lang", "zh-CN"], context, CancellationToken.None);
        }
        finally
        {
            System.Globalization.CultureInfo.CurrentUICulture = previous;
        }

        Assert.Equal(ExitCodes.Usage, exitCode);
        Assert.Contains("--batch-size 的值 'three' 无效：应为实例个数，如 3，或占运行中实例的比例，如 25%。", error.ToString());
        Assert.Contains("运行 'surge-cli rollout start --help' 查看其用法。", error.ToString());
    }
}
