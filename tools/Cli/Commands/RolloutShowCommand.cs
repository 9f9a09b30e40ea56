using Surge.Cli.Arguments;
using Surge.Cli.Output;
using Surge.Cli.Resources;

namespace Surge.Cli.Commands;

/// <summary><c>surge-cli rollout show ID</c>: prints a rollout's status, batches and instances.</summary>
internal sealed class RolloutShowCommand : ICliCommand
{
    public CommandSpec Spec => RolloutShowOptions.Spec;

    public string Summary => Strings.RolloutShowSummary;

    public string Help => Strings.RolloutShowHelp;

    public async Task<int> RunAsync(ParsedArguments arguments, CliContext context, CancellationToken cancellationToken)
    {
        var options = RolloutShowOptions.From(arguments, context.Environment);
        var rollout = await context.Gateway(options.Gateway).GetRolloutAsync(options.RolloutId, cancellationToken);
        RolloutPrinter.Rollout(context.Output, rollout, context.Time.LocalTimeZone);
        return ExitCodes.Success;
    }
}
