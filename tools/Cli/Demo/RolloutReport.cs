using System.Globalization;
using Surge.Cli.Output;
using Surge.Cli.Resources;

namespace Surge.Cli.Demo;

/// <summary>Prints one line per rollout of the demo: strategy, final status, time, requests lost and backend changes.</summary>
internal static class RolloutReport
{
    public static void Print(CliOutput output, IReadOnlyList<RolloutTrialResult> results)
    {
        output.Line(Strings.DemoRolloutHeader);
        foreach (var result in results)
        {
            output.Line(Text.Format(
                Strings.DemoRolloutRow,
                result.Strategy,
                result.Image,
                result.Status,
                result.Duration.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture),
                result.Lost,
                result.Sent,
                result.BackendChanges));
        }
    }
}
