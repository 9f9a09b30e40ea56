using Surge.Cli.Http;
using Surge.Cli.Output;
using Surge.Cli.Resources;

namespace Surge.Cli.Demo;

/// <summary>Runs the gateway's invariant check after the saga and prints what it found.</summary>
internal sealed class InvariantCheck(GatewayClient gateway, CliOutput output, TimeProvider time)
{
    /// <summary>How long to ask again while messages that follow the saga's end are still settling.</summary>
    private static readonly TimeSpan SettleTime = TimeSpan.FromSeconds(10);

    /// <summary>Returns the last report, clean or not, after printing it; null when the check could not run.</summary>
    public async Task<InvariantReport?> RunAsync(CancellationToken cancellationToken)
    {
        var deadline = time.GetUtcNow() + SettleTime;
        InvariantReport report;
        try
        {
            report = await gateway.GetInvariantsAsync(cancellationToken);
            while (!report.Clean && time.GetUtcNow() < deadline)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(500), time, cancellationToken);
                report = await gateway.GetInvariantsAsync(cancellationToken);
            }
        }
        catch (GatewayProblemException exception)
        {
            ErrorReporter.Problem(output, exception);
            return null;
        }

        Print(report);
        return report;
    }

    private void Print(InvariantReport report)
    {
        var counts = report.Counts;
        if (report.Clean)
        {
            output.Line(Text.Format(Strings.InvariantsClean, counts.Reservations, counts.Allocations, counts.Instances, counts.Backends));
            return;
        }

        output.Line(Text.Format(Strings.InvariantsFindings, report.Findings.Count));
        foreach (var finding in report.Findings)
        {
            output.Line(Text.Format(Strings.InvariantFindingLine, finding.Severity, finding.Kind, finding.Detail));
        }
    }
}
