using Surge.Cli.Arguments;
using Surge.Cli.Output;
using Surge.Cli.Resources;

namespace Surge.Cli.Commands;

/// <summary><c>surge-cli rollout list [--service NAME]</c>: prints the newest rollouts, of one service or of all.</summary>
internal sealed class RolloutListCommand : ICliCommand
{
    public CommandSpec Spec => RolloutListOptions.Spec;

    public string Summary => Strings.RolloutListSummary;

    public string Help => Strings.RolloutListHelp;

    public async Task<int> RunAsync(ParsedArguments arguments, CliContext context, CancellationToken cancellationToken)
    {
        var options = RolloutListOptions.From(arguments, context.Environment);
        var rollouts = await context.Gateway(options.Gateway).ListRolloutsAsync(options.Service, cancellationToken);
        RolloutPrinter.List(context.Output, rollouts, options.Service, context.Time.LocalTimeZone);
        return ExitCodes.Success;
    }
}
