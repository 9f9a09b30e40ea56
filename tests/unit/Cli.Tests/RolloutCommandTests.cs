using System.Net;

namespace Surge.Cli.Tests;

public class RolloutCommandTests
{
    private const string RolloutId = "0193a5c4-7d2e-7b3f-9c1a-5e6f7a8b9c0d";

    private static readonly string Running = CliRun.Data("rollout-drained.json");

    private static readonly string JustStarted = $$"""
        {"rolloutId":"{{RolloutId}}","service":"feed-api","image":"feed-api:2","strategy":"drained-in-place","status":"Running",
         "step":"Describe","requestedBatchSize":"25%","batchSize":0,"batches":[],"instances":[]}
        """;

    [Fact]
    public async Task Start_AllOptions_PostsTheDocumentedBody()
    {
        var handler = new RecordingHandler(HttpStatusCode.Accepted, JustStarted);

        var (exitCode, output, error) = await CliRun.RunAsync(handler,
            "rollout", "start", "feed-api", "feed-api:2", "--strategy", "in-place", "--batch-size", "25%", "--max-unavailable", "3",
            "--pause", "30s", "--http-path", "/healthz", "--max-error-rate", "0.01", "--window", "1m", "--failure-threshold", "2",
            "--drain-timeout", "2m", "--gateway", "http://127.0.0.1:6080");

        Assert.Equal(ExitCodes.Success, exitCode);
        Assert.Equal("", error);
        var (request, body) = Assert.Single(handler.Requests);
        Assert.Equal(HttpMethod.Post, request.Method);
        Assert.Equal(new Uri("http://127.0.0.1:6080/api/rollouts"), request.RequestUri);
        Assert.Equal("application/json", request.Content!.Headers.ContentType!.MediaType);
        Assert.Equal(
            """{"service":"feed-api","image":"feed-api:2","strategy":"in-place","batchSize":"25%","maxUnavailable":3,"pauseBetweenBatches":"00:00:30","healthGate":{"httpPath":"/healthz","maxErrorRate":0.01,"window":"00:01:00"},"failureThreshold":2,"drainTimeout":"00:02:00","requestedBy":"surge-cli"}""",
            body);
        Assert.Contains($"Rollout {RolloutId} started.", output);
    }

    [Fact]
    public async Task Start_CountBatchSize_IsSentAsANumberAndDefaultsAreLeftOut()
    {
        var handler = new RecordingHandler(HttpStatusCode.Accepted, JustStarted);

        await CliRun.RunAsync(handler, "rollout", "start", "feed-api", "feed-api:2", "--batch-size", "3");

        Assert.Equal("""{"service":"feed-api","image":"feed-api:2","batchSize":3,"requestedBy":"surge-cli"}""", Assert.Single(handler.Requests).Body);
    }

    [Fact]
    public async Task Start_WithoutWait_PrintsSummaryAndHowToFollow()
    {
        var (_, output, _) = await CliRun.RunAsync(new RecordingHandler(HttpStatusCode.Accepted, JustStarted), "rollout", "start", "feed-api", "feed-api:2");

        Assert.Equal(
            $"""
            Rollout {RolloutId} started.
              Service:         feed-api
              Image:           feed-api:2
              Strategy:        drained-in-place
              Batch size:      25%
              Status:          Running
            Follow it with: surge-cli rollout show {RolloutId}

            """,
            output.ReplaceLineEndings("\n"));
    }

    [Fact]
    public async Task Start_InvalidFields_PrintsEachFieldWithItsFix()
    {
        const string problem = """
            {"title":"One or more validation errors occurred.","status":400,"detail":"The rollout request has invalid fields.",
             "errors":{"batchSize":["batchSize is 5000; give between 1 and 1000 instances."],"healthGate.httpPath":["healthGate.httpPath 'healthz' is not an absolute path. Give a path such as '/healthz'."]}}
            """;
        var handler = new RecordingHandler(HttpStatusCode.BadRequest, problem, "application/problem+json");

        var (exitCode, output, error) = await CliRun.RunAsync(handler,
            "rollout", "start", "feed-api", "feed-api:2", "--batch-size", "5000", "--http-path", "healthz");

        Assert.Equal(ExitCodes.Failure, exitCode);
        Assert.Equal("", output);
        Assert.Contains("POST http://127.0.0.1:5080/api/rollouts returned HTTP 400", error);
        Assert.Contains("    batchSize: batchSize is 5000; give between 1 and 1000 instances.", error);
        Assert.Contains("    healthGate.httpPath: healthGate.httpPath 'healthz' is not an absolute path. Give a path such as '/healthz'.", error);
    }

    [Fact]
    public async Task Start_ServiceBusy_PrintsTheConflict()
    {
        const string problem = """{"title":"Conflict","status":409,"detail":"Service 'feed-api' already has rollout 0193 running. Wait for it to finish, or abort or roll it back first."}""";

        var (exitCode, _, error) = await CliRun.RunAsync(
            new RecordingHandler(HttpStatusCode.Conflict, problem, "application/problem+json"), "rollout", "start", "feed-api", "feed-api:2", "--wait");

        Assert.Equal(ExitCodes.Failure, exitCode);
        Assert.Contains("HTTP 409", error);
        Assert.Contains("already has rollout 0193 running. Wait for it to finish, or abort or roll it back first.", error);
    }

    [Fact]
    public async Task Show_GetsTheRolloutAndPrintsIt()
    {
        var handler = new RecordingHandler(HttpStatusCode.OK, Running);

        var (exitCode, output, error) = await CliRun.RunAsync(handler, "rollout", "show", RolloutId.ToUpperInvariant());

        Assert.Equal(ExitCodes.Success, exitCode);
        Assert.Equal("", error);
        var (request, _) = Assert.Single(handler.Requests);
        Assert.Equal(HttpMethod.Get, request.Method);
        Assert.Equal(new Uri($"http://127.0.0.1:5080/api/rollouts/{RolloutId}"), request.RequestUri);
        Assert.Contains("  Status:          Running", output);
    }

    [Fact]
    public async Task Show_UnknownRollout_PrintsNotFound()
    {
        const string problem = """{"title":"Not Found","status":404,"detail":"Rollout 0193a5c4-7d2e-7b3f-9c1a-5e6f7a8b9c0d was not found."}""";

        var (exitCode, _, error) = await CliRun.RunAsync(
            new RecordingHandler(HttpStatusCode.NotFound, problem, "application/problem+json"), "rollout", "show", RolloutId);

        Assert.Equal(ExitCodes.Failure, exitCode);
        Assert.Contains("HTTP 404", error);
        Assert.Contains("was not found.", error);
    }

    [Theory]
    [InlineData("http://127.0.0.1:5080/api/rollouts")]
    [InlineData("http://127.0.0.1:5080/api/rollouts?service=feed-api", "--service", "feed-api")]
    public async Task List_SendsGetWithTheServiceFilter(string url, params string[] options)
    {
        var handler = new RecordingHandler(HttpStatusCode.OK, $"[{Running}]");

        var (exitCode, output, _) = await CliRun.RunAsync(handler, ["rollout", "list", .. options]);

        Assert.Equal(ExitCodes.Success, exitCode);
        Assert.Equal(new Uri(url), Assert.Single(handler.Requests).Request.RequestUri);
        Assert.Contains(RolloutId, output);
    }

    [Theory]
    [InlineData("pause", """{"reason":"traffic peak"}""", "pauses before its next batch", "--reason", "traffic peak")]
    [InlineData("pause", "{}", "pauses before its next batch")]
    [InlineData("abort", """{"reason":"wrong image"}""", "is aborted where it is, without rollback", "--reason", "wrong image")]
    [InlineData("rollback", "{}", "rolls back to the previous image")]
    [InlineData("resume", "", "resumes")]
    public async Task Steer_PostsTheCommandWithItsReason(string command, string body, string printed, params string[] options)
    {
        var handler = new RecordingHandler(HttpStatusCode.Accepted, Running);

        var (exitCode, output, error) = await CliRun.RunAsync(handler, ["rollout", command, RolloutId, .. options]);

        Assert.Equal(ExitCodes.Success, exitCode);
        Assert.Equal("", error);
        var (request, sent) = Assert.Single(handler.Requests);
        Assert.Equal(HttpMethod.Post, request.Method);
        Assert.Equal(new Uri($"http://127.0.0.1:5080/api/rollouts/{RolloutId}/{command}"), request.RequestUri);
        Assert.Equal(body, sent);
        Assert.Equal(body == "" ? null : "application/json", request.Content?.Headers.ContentType?.MediaType);
        Assert.Equal($"Rollout {RolloutId} {printed}. Status: Running.", output.TrimEnd());
    }

    [Fact]
    public async Task Steer_NotApplicable_PrintsTheConflict()
    {
        const string problem = """{"title":"Conflict","status":409,"detail":"Rollout 0193a5c4-7d2e-7b3f-9c1a-5e6f7a8b9c0d is Completed; only a paused rollout, or one about to pause, can be resumed."}""";

        var (exitCode, output, error) = await CliRun.RunAsync(
            new RecordingHandler(HttpStatusCode.Conflict, problem, "application/problem+json"), "rollout", "resume", RolloutId);

        Assert.Equal(ExitCodes.Failure, exitCode);
        Assert.Equal("", output);
        Assert.Contains("is Completed; only a paused rollout, or one about to pause, can be resumed.", error);
    }

    [Fact]
    public async Task Gateway_Unreachable_SaysSo()
    {
        var (exitCode, _, error) = await CliRun.RunAsync(new UnreachableHandler(), "rollout", "list");

        Assert.Equal(ExitCodes.Failure, exitCode);
        Assert.Contains("http://127.0.0.1:5080/api/rollouts", error);
    }

    [Fact]
    public async Task Help_ListsRolloutInTheOverview()
    {
        var (_, output, _) = await CliRun.RunAsync(new RecordingHandler(HttpStatusCode.OK, "{}"), "help");

        Assert.Contains("  rollout      Start, show, list, pause, resume, abort or roll back a rollout", output);
    }

    [Theory]
    [InlineData("Usage: surge-cli rollout SUBCOMMAND", "rollout", "--help")]
    [InlineData("Usage: surge-cli rollout SUBCOMMAND", "help", "rollout")]
    [InlineData("Usage: surge-cli rollout start SERVICE IMAGE", "rollout", "start", "--help")]
    [InlineData("Usage: surge-cli rollout start SERVICE IMAGE", "help", "rollout", "start")]
    [InlineData("Usage: surge-cli rollout show ID", "rollout", "show", "-h")]
    [InlineData("Usage: surge-cli rollout list", "rollout", "list", "--help")]
    [InlineData("Usage: surge-cli rollout pause ID [--reason TEXT]", "rollout", "pause", "--help")]
    [InlineData("Usage: surge-cli rollout resume ID [--gateway URL]", "help", "rollout", "resume")]
    [InlineData("Usage: surge-cli rollout abort ID [--reason TEXT]", "rollout", "abort", "--help")]
    [InlineData("Usage: surge-cli rollout rollback ID [--reason TEXT]", "rollout", "rollback", "--help")]
    public async Task Help_ShowsUsageAndSendsNothing(string usage, params string[] commandLine)
    {
        var handler = new RecordingHandler(HttpStatusCode.OK, "{}");

        var (exitCode, output, _) = await CliRun.RunAsync(handler, commandLine);

        Assert.Equal(ExitCodes.Success, exitCode);
        Assert.StartsWith(usage, output);
        Assert.Contains("SURGE_API_KEY", output);
        Assert.Empty(handler.Requests);
    }

    [Theory]
    [InlineData("help", "rollout", "deploy")]
    [InlineData("help", "rollout", "start", "now")]
    [InlineData("help", "saga", "start")]
    public async Task Help_UnknownSubcommand_IsAUsageError(params string[] commandLine)
    {
        var (exitCode, _, error) = await CliRun.RunAsync(new RecordingHandler(HttpStatusCode.OK, "{}"), commandLine);

        Assert.Equal(ExitCodes.Usage, exitCode);
        Assert.Contains("Unknown command", error);
    }

    private sealed class UnreachableHandler : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            throw new HttpRequestException("Connection refused (127.0.0.1:5080)");
    }
}
