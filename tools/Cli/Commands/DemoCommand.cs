using Surge.Cli.Alerts;
using Surge.Cli.Arguments;
using Surge.Cli.Demo;
using Surge.Cli.Http;
using Surge.Cli.Output;
using Surge.Cli.Resources;

namespace Surge.Cli.Commands;

/// <summary><c>surge-cli demo</c>: applies the fleet, fires an alert, follows the scale-out, sends traffic and checks the result.</summary>
internal sealed class DemoCommand : ICliCommand
{
    private const int StepCount = 8;

    public CommandSpec Spec => DemoOptions.Spec;

    public string Summary => Strings.DemoSummary;

    public string Help => Strings.DemoHelp;

    public async Task<int> RunAsync(ParsedArguments arguments, CliContext context, CancellationToken cancellationToken)
    {
        var options = DemoOptions.From(arguments, context.Environment);
        var gateway = context.Gateway(options.Gateway);
        var output = context.Output;

        Step(output, 1, Text.Format(Strings.DemoStepApply, options.FleetFile));
        await ApplyCommand.ApplyAsync(gateway, options.FleetFile, output, cancellationToken);

        Step(output, 2, Text.Format(Strings.DemoStepAlarm, options.Service));
        var alarm = new AlarmRequest(AlarmRequest.DefaultAlertName, options.Service, context.Time.GetUtcNow());
        var posted = await AlarmCommand.SendAsync(gateway, alarm, output, cancellationToken);
        var sagaId = StartedSagaId(posted.Response);

        Step(output, 3, Text.Format(Strings.DemoStepFollow, sagaId));
        var saga = await new SagaFollower(gateway, output, context.Time).FollowAsync(sagaId, options.Timeout, cancellationToken);
        output.Line(Text.Format(Strings.DemoSagaStatus, saga?.Status ?? "-"));

        Step(output, 4, Text.Format(Strings.DemoStepTraffic, options.Requests, new Uri(options.DataPlane, options.Service + "/")));
        var tally = await new TrafficProbe(context.DataPlane(options.DataPlane)).SendAsync(options.Service, options.Requests, cancellationToken);
        TrafficReport.Print(output, tally, saga);

        Step(output, 5, Text.Format(Strings.DemoStepAudit, posted.CorrelationId ?? "-"));
        await PrintAuditTrailAsync(gateway, posted.CorrelationId, context, cancellationToken);

        Step(output, 6, Text.Format(Strings.DemoStepRollout, options.Service));
        var rollouts = await RollOutAsync(gateway, context.DataPlane(options.DataPlane), options, context, cancellationToken);
        RolloutReport.Print(output, rollouts);

        Step(output, 7, Strings.DemoStepInvariants);
        var invariants = await new InvariantCheck(gateway, output, context.Time).RunAsync(cancellationToken);

        Step(output, 8, Strings.DemoStepVerdict);
        return Conclude(output, saga, tally, rollouts, invariants, options.Timeout);
    }

    // Each strategy rolls the service to a new tag of the image it runs, one after the other, so the three can be
    // compared under the same traffic.
    private static async Task<IReadOnlyList<RolloutTrialResult>> RollOutAsync(
        GatewayClient gateway, DataPlaneClient dataPlane, DemoOptions options, CliContext context, CancellationToken cancellationToken)
    {
        var running = await gateway.GetRunningInstancesAsync(options.Service, cancellationToken);
        var repository = RepositoryOf(running.FirstOrDefault()?.Image ?? options.Service);
        var trial = new RolloutTrial(gateway, dataPlane, context.Time);
        var results = new List<RolloutTrialResult>();
        foreach (var (strategy, tag) in new[] { ("in-place", "demo-in-place"), ("drained-in-place", "demo-drained"), ("recreate", "demo-recreate") })
        {
            results.Add(await trial.RunAsync(options.Service, $"{repository}:{tag}", strategy, options.Timeout, cancellationToken));
        }

        return results;
    }

    /// <summary>Returns the image without its tag or digest: <c>registry.local:5000/feed-api:1.0.0</c> gives <c>registry.local:5000/feed-api</c>.</summary>
    internal static string RepositoryOf(string image)
    {
        var withoutDigest = image.Split('@')[0];
        var lastSlash = withoutDigest.LastIndexOf('/');
        var colon = withoutDigest.LastIndexOf(':');
        return colon > lastSlash ? withoutDigest[..colon] : withoutDigest;
    }

    /// <summary>Returns the saga id of the <c>started</c> outcome, or fails with the detail of the outcome the gateway returned instead.</summary>
    internal static string StartedSagaId(AlertIntakeResponse response)
    {
        var started = response.Outcomes.FirstOrDefault(outcome => outcome.Outcome == AlertOutcomeView.Started);
        if (started?.SagaId is { Length: > 0 } sagaId)
        {
            return sagaId;
        }

        var other = response.Outcomes.FirstOrDefault();
        throw new CliFailureException(other is null
            ? Strings.DemoNoOutcome
            : Text.Format(Strings.DemoAlertNotStarted, other.Outcome, other.Detail ?? "-"));
    }

    private static async Task PrintAuditTrailAsync(
        GatewayClient gateway,
        string? correlationId,
        CliContext context,
        CancellationToken cancellationToken)
    {
        if (correlationId is null)
        {
            context.Output.Line(Strings.DemoNoCorrelationId);
            return;
        }

        try
        {
            var events = await gateway.GetCorrelationEventsAsync(correlationId, cancellationToken);
            AuditTimeline.Print(context.Output, events, context.Time.LocalTimeZone);
        }
        catch (GatewayProblemException exception)
        {
            // The audit trail is a report; its absence does not change whether the scale-out worked.
            ErrorReporter.Problem(context.Output, exception);
        }
    }

    private static int Conclude(
        CliOutput output, SagaView? saga, TrafficTally tally, IReadOnlyList<RolloutTrialResult> rollouts, InvariantReport? invariants, TimeSpan timeout)
    {
        var failure = DemoVerdict.FailureReason(saga, tally, timeout) ?? DemoVerdict.RolloutFailure(rollouts) ?? DemoVerdict.InvariantFailure(invariants);
        if (failure is not null)
        {
            output.ErrorLine(Text.Format(Strings.DemoFailed, failure));
            return ExitCodes.Failure;
        }

        output.Line(Text.Format(Strings.DemoSucceeded, saga!.Instances!.Count, saga.Service));
        return ExitCodes.Success;
    }

    private static void Step(CliOutput output, int number, string title)
    {
        output.Line();
        output.Line($"[{number}/{StepCount}] {title}");
    }
}
