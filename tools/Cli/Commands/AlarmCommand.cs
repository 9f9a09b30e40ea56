using Surge.Cli.Alerts;
using Surge.Cli.Arguments;
using Surge.Cli.Http;
using Surge.Cli.Output;
using Surge.Cli.Resources;

namespace Surge.Cli.Commands;

/// <summary><c>surge-cli alarm --service NAME</c>: posts a firing alert to the gateway exactly as Alertmanager would.</summary>
internal sealed class AlarmCommand : ICliCommand
{
    public CommandSpec Spec => AlarmOptions.Spec;

    public string Summary => Strings.AlarmSummary;

    public string Help => Strings.AlarmHelp;

    public async Task<int> RunAsync(ParsedArguments arguments, CliContext context, CancellationToken cancellationToken)
    {
        var options = AlarmOptions.From(arguments, context.Environment);
        var request = new AlarmRequest(options.AlertName, options.Service, options.StartsAt ?? context.Time.GetUtcNow());
        await SendAsync(context.Gateway(options.Gateway), request, context.Output, cancellationToken);
        return ExitCodes.Success;
    }

    /// <summary>Posts the webhook for <paramref name="request"/> and prints each outcome; the demo's second step too.</summary>
    public static async Task<AlarmPosted> SendAsync(
        GatewayClient gateway,
        AlarmRequest request,
        CliOutput output,
        CancellationToken cancellationToken)
    {
        var body = AlertmanagerWebhook.Build(request);
        var fingerprint = AlertFingerprint.Compute(AlertmanagerWebhook.Labels(request));
        output.Line(Text.Format(Strings.AlarmSending, request.AlertName, request.Service, fingerprint, gateway.BaseUrl));

        var posted = await gateway.PostAlertmanagerWebhookAsync(
            body, AlertmanagerWebhook.UserAgent, AlertmanagerWebhook.ContentType, cancellationToken);
        output.Line(Text.Format(Strings.AlarmCorrelationId, posted.CorrelationId ?? "-"));
        ResultPrinter.Outcomes(output, posted.Response);
        return posted;
    }
}
