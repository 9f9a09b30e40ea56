using System.Net;
using Surge.Cli.Http;
using Surge.Cli.Rollouts;

namespace Surge.Cli.Tests;

public class RolloutWaitTests
{
    private const string RolloutId = "0193a5c4-7d2e-7b3f-9c1a-5e6f7a8b9c0d";
    private const string First = "11111111-1111-1111-1111-111111111111";
    private const string Second = "22222222-2222-2222-2222-222222222222";

    [Fact]
    public async Task Wait_Completed_PrintsEachChangeAndSucceeds()
    {
        var handler = new ScriptedHandler(
            (HttpStatusCode.Accepted, View("Running", "Describe", "", "")),
            (HttpStatusCode.OK, View("Running", "Drain", Batch(1, [First]), Instance(First, "Draining") + "," + Instance(Second, "Waiting"))),
            (HttpStatusCode.OK, View("Running", "Drain", Batch(1, [First]), Instance(First, "Draining") + "," + Instance(Second, "Waiting"))),
            (HttpStatusCode.OK, View("Running", "Probe", Batch(1, [First]), Instance(First, "Updated", "feed-api:2") + "," + Instance(Second, "Waiting"))),
            (HttpStatusCode.OK, View(
                "Completed",
                "None",
                Batch(1, [First], ended: true, outcome: "passed") + "," + Batch(2, [Second], ended: true, outcome: "passed"),
                Instance(First, "Updated", "feed-api:2") + "," + Instance(Second, "Updated", "feed-api:2"))));
        var time = new InstantTimeProvider();

        var (exitCode, output, error) = await CliRun.RunWithClockAsync(handler, time, "rollout", "start", "feed-api", "feed-api:2", "--wait");

        Assert.Equal(ExitCodes.Success, exitCode);
        Assert.Equal("", error);
        Assert.Equal(
            $"""
            Rollout {RolloutId} started.
              Service:         feed-api
              Image:           feed-api:2
              Strategy:        drained-in-place
              Batch size:      1
              Status:          Running
              10:00:00.000  status Running, step Describe
              10:00:00.000  status Running, step Drain
              10:00:00.000  batch 1 started, size 1
              10:00:00.000  instance {First} on node-a: Draining, image feed-api:1
              10:00:00.000  status Running, step Probe
              10:00:00.000  instance {First} on node-a: Draining → Updated, image feed-api:2
              10:00:00.000  status Completed, step None
              10:00:00.000  batch 1 ended: passed
              10:00:00.000  batch 2 started, size 1
              10:00:00.000  batch 2 ended: passed
              10:00:00.000  instance {Second} on node-a: Waiting → Updated, image feed-api:2
            Rollout {RolloutId} completed. Failed instances, below the threshold: 0.

            """,
            output.ReplaceLineEndings("\n"));
        Assert.Equal(5, handler.Requests.Count);
        Assert.All(handler.Requests.Skip(1), request =>
        {
            Assert.Equal(HttpMethod.Get, request.Request.Method);
            Assert.Equal(new Uri($"http://127.0.0.1:5080/api/rollouts/{RolloutId}"), request.Request.RequestUri);
        });
        Assert.Equal(Enumerable.Repeat(TimeSpan.FromSeconds(1), 4), time.Waits);
    }

    [Fact]
    public async Task Wait_RolledBack_PrintsTheReasonAndFails()
    {
        var handler = new ScriptedHandler(
            (HttpStatusCode.Accepted, View("Running", "Describe", "", "")),
            (HttpStatusCode.OK, View(
                "RolledBack",
                "None",
                Batch(1, [First], ended: true, outcome: "probe /healthz answered 500") + "," + Batch(1, [First], rollingBack: true, ended: true),
                Instance(First, "RolledBack", failure: "probe /healthz answered 500"),
                reason: "1 instance failed; the threshold is 1.")));

        var (exitCode, output, error) = await CliRun.RunWithClockAsync(handler, new InstantTimeProvider(), "rollout", "start", "feed-api", "feed-api:2", "--wait");

        Assert.Equal(ExitCodes.Failure, exitCode);
        Assert.Contains("  10:00:00.000  batch 1 ended: probe /healthz answered 500", output);
        Assert.Contains("  10:00:00.000  batch 1 (rollback) started, size 1", output);
        Assert.Contains("  10:00:00.000  batch 1 (rollback) ended: -", output);
        Assert.Contains($"  10:00:00.000  instance {First} on node-a: RolledBack, image feed-api:1: probe /healthz answered 500", output);
        Assert.Equal($"Rollout {RolloutId} ended as RolledBack, not Completed: 1 instance failed; the threshold is 1.", error.TrimEnd());
    }

    [Fact]
    public async Task Wait_GatewayErrorsForAMoment_ReportsOnceAndGoesOn()
    {
        const string unavailable = """{"title":"Service Unavailable","status":503}""";
        var handler = new ScriptedHandler(
            (HttpStatusCode.Accepted, View("Running", "Describe", "", "")),
            (HttpStatusCode.ServiceUnavailable, unavailable),
            (HttpStatusCode.ServiceUnavailable, unavailable),
            (HttpStatusCode.OK, View("Completed", "None", "", "")));

        var (exitCode, output, error) = await CliRun.RunWithClockAsync(handler, new InstantTimeProvider(), "rollout", "start", "feed-api", "feed-api:2", "--wait");

        Assert.Equal(ExitCodes.Success, exitCode);
        Assert.Equal(4, handler.Requests.Count);
        var reported = Assert.Single(error.ReplaceLineEndings("\n").TrimEnd().Split('\n'));
        Assert.StartsWith("Reading the rollout failed; retrying every second: GET http://127.0.0.1:5080/api/rollouts/", reported);
        Assert.Contains("status Completed, step None", output);
    }

    [Fact]
    public async Task Wait_RolloutGone_StopsWithTheProblem()
    {
        var handler = new ScriptedHandler(
            (HttpStatusCode.Accepted, View("Running", "Describe", "", "")),
            (HttpStatusCode.NotFound, """{"title":"Not Found","status":404,"detail":"Rollout was not found."}"""));

        var (exitCode, _, error) = await CliRun.RunWithClockAsync(handler, new InstantTimeProvider(), "rollout", "start", "feed-api", "feed-api:2", "--wait");

        Assert.Equal(ExitCodes.Failure, exitCode);
        Assert.Equal(2, handler.Requests.Count);
        Assert.Contains("HTTP 404", error);
        Assert.Contains("Rollout was not found.", error);
    }

    [Fact]
    public void Changes_Recreate_NameTheSagasAndTheReplacedInstance()
    {
        var before = Parse(View("Running", "Replace", Batch(1, [First]), Instance(First, "Updating"), strategy: "recreate"));
        var after = Parse(View(
            "Running",
            "Remove",
            Batch(1, [First], scaleOut: "aaaaaaaa-0000-0000-0000-000000000001", scaleIn: "bbbbbbbb-0000-0000-0000-000000000001"),
            Instance(First, "Updating") + "," + Instance(Second, "Updated", "feed-api:2", replacementOf: First),
            strategy: "recreate"));

        var lines = CliRun.Render("en", output => { foreach (var line in RolloutChanges.Between(before, after)) output.Line(line); });

        Assert.Equal(
            $"""
            status Running, step Remove
            batch 1: scale-out saga aaaaaaaa-0000-0000-0000-000000000001
            batch 1: scale-in saga bbbbbbbb-0000-0000-0000-000000000001
            instance {Second} on node-a: Updated, image feed-api:2, replaces {First}

            """,
            lines);
    }

    [Fact]
    public void Changes_Chinese_AreTranslated()
    {
        var after = Parse(View("Running", "Drain", Batch(1, [First]) + "," + Batch(1, [First], rollingBack: true), Instance(First, "Failed", failure: "timed out")));

        var lines = CliRun.Render("zh-CN", output => { foreach (var line in RolloutChanges.Between(null, after)) output.Line(line); });

        Assert.Equal(
            $"""
            状态 Running，步骤 Drain
            第 1 批开始，大小 1
            第 1 批（回滚）开始，大小 1
            实例 {First}（节点 node-a）：Failed，镜像 feed-api:1：timed out

            """,
            lines);
    }

    private static RolloutView Parse(string json) =>
        System.Text.Json.JsonSerializer.Deserialize<RolloutView>(json, JsonHttp.SerializerOptions)!;

    private static string View(string status, string step, string batches, string instances, string? reason = null, string strategy = "drained-in-place") => $$"""
        {"rolloutId":"{{RolloutId}}","service":"feed-api","image":"feed-api:2","strategy":"{{strategy}}","status":"{{status}}","step":"{{step}}",
         "requestedBatchSize":"1","batchSize":1,"maxUnavailable":1,"failureThreshold":1,"failedCount":0,
         "reason":{{(reason is null ? "null" : $"\"{reason}\"")}},"batches":[{{batches}}],"instances":[{{instances}}]}
        """;

    private static string Batch(
        int number, string[] instanceIds, bool rollingBack = false, bool ended = false, string? outcome = null, string? scaleOut = null, string? scaleIn = null) => $$"""
        {"number":{{number}},"rollingBack":{{(rollingBack ? "true" : "false")}},"instanceIds":[{{string.Join(",", instanceIds.Select(id => $"\"{id}\""))}}],
         "startedAt":"2026-12-05T10:00:00+00:00","endedAt":{{(ended ? "\"2026-12-05T10:00:30+00:00\"" : "null")}},"outcome":{{Text(outcome)}},
         "scaleOutSagaId":{{Text(scaleOut)}},"scaleInSagaId":{{Text(scaleIn)}}}
        """;

    private static string Instance(string id, string phase, string image = "feed-api:1", string? failure = null, string? replacementOf = null) => $$"""
        {"instanceId":"{{id}}","node":"node-a","phase":"{{phase}}","image":"{{image}}","previousImage":"feed-api:1","failure":{{Text(failure)}},"replacementOf":{{Text(replacementOf)}}}
        """;

    private static string Text(string? value) => value is null ? "null" : $"\"{value}\"";
}
