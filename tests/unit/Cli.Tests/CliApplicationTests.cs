using System.Globalization;
using System.Net;
using Surge.Cli.Output;

namespace Surge.Cli.Tests;

public class CliApplicationTests
{
    private const string StartedBody = """{"outcomes":[{"fingerprint":"34c16e63ebf6511f","outcome":"started","sagaId":"saga-1","detail":"Scaling out by 3."}]}""";

    [Fact]
    public async Task Alarm_Post_SendsAlertmanagerRequest()
    {
        var handler = new RecordingHandler(HttpStatusCode.Accepted, StartedBody);
        handler.ResponseHeaders["X-Correlation-Id"] = "corr-1";
        var (context, output, _) = Context(handler);

        var exitCode = await CliApplication.RunAsync(
            ["alarm", "--service", "feed-api", "--gateway", "http://127.0.0.1:6080", "--starts-at", "2026-12-04T10:00:00Z", "--lang", "en"],
            context,
            CancellationToken.None);

        Assert.Equal(ExitCodes.Success, exitCode);
        var (request, body) = Assert.Single(handler.Requests);
        Assert.Equal(HttpMethod.Post, request.Method);
        Assert.Equal(new Uri("http://127.0.0.1:6080/webhooks/alertmanager"), request.RequestUri);
        Assert.Equal("Alertmanager/0.27.0", request.Headers.UserAgent.ToString());
        Assert.Equal("application/json", request.Content!.Headers.ContentType!.ToString());
        Assert.Contains("\"startsAt\":\"2026-12-04T10:00:00Z\"", body);
        Assert.Contains("corr-1", output.ToString());
        Assert.Contains("saga-1", output.ToString());
    }

    [Fact]
    public async Task Apply_ProblemDetails_PrintsFieldErrorsAndFails()
    {
        const string problem = """{"title":"Invalid fleet","status":400,"detail":"One resource is invalid.","errors":{"spec.cidr":["Write the CIDR as 10.0.0.0/24."]}}""";
        var handler = new RecordingHandler(HttpStatusCode.BadRequest, problem, "application/problem+json");
        var (context, _, error) = Context(handler);
        var file = Path.GetTempFileName();
        await File.WriteAllTextAsync(file, "kind: Subnet\n");

        var exitCode = await CliApplication.RunAsync(["apply", "-f", file, "--gateway", "http://127.0.0.1:6080", "--lang", "en"], context, CancellationToken.None);

        Assert.Equal(ExitCodes.Failure, exitCode);
        Assert.Equal("application/yaml", handler.Requests[0].Request.Content!.Headers.ContentType!.ToString());
        Assert.Contains("Invalid fleet", error.ToString());
        Assert.Contains("One resource is invalid.", error.ToString());
        Assert.Contains("spec.cidr: Write the CIDR as 10.0.0.0/24.", error.ToString());
        File.Delete(file);
    }

    [Theory]
    [InlineData(new string[0], ExitCodes.Usage)]
    [InlineData(new[] { "help" }, ExitCodes.Success)]
    [InlineData(new[] { "demo", "--help" }, ExitCodes.Success)]
    [InlineData(new[] { "help", "nope" }, ExitCodes.Usage)]
    [InlineData(new[] { "nope" }, ExitCodes.Usage)]
    [InlineData(new[] { "apply", "--bogus", "1" }, ExitCodes.Usage)]
    [InlineData(new[] { "apply", "-f", "/nonexistent/fleet.yaml" }, ExitCodes.Failure)]
    public async Task Run_CommandLine_ReturnsExitCode(string[] commandLine, int expected)
    {
        var (context, _, _) = Context(new RecordingHandler(HttpStatusCode.OK, "{}"));

        Assert.Equal(expected, await CliApplication.RunAsync(commandLine, context, CancellationToken.None));
    }

    [Fact]
    public async Task Run_LangZhCn_PrintsChineseHelp()
    {
        var (context, output, _) = Context(new RecordingHandler(HttpStatusCode.OK, "{}"));
        var previous = CultureInfo.CurrentUICulture;

        try
        {
            await CliApplication.RunAsync(["help", "--lang", "zh-CN"], context, CancellationToken.None);
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }

        Assert.Contains("用法", output.ToString());
    }

    private static (CliContext Context, StringWriter Output, StringWriter Error) Context(HttpMessageHandler handler)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var http = new HttpClient(handler);
        var context = new CliContext(new CliOutput(output, error), _ => null, TimeProvider.System, http, http);
        return (context, output, error);
    }
}
