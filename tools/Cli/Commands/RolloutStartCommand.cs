using Surge.Cli.Arguments;
using Surge.Cli.Output;
using Surge.Cli.Resources;
using Surge.Cli.Rollouts;

namespace Surge.Cli.Commands;

/// <summary><c>surge-cli rollout start SERVICE IMAGE</c>: starts a rollout and, with <c>--wait</c>, follows it to its end.</summary>
internal sealed class RolloutStartCommand : ICliCommand
{
    public CommandSpec Spec => RolloutStartOptions.Spec;

    public string Summary => Strings.RolloutStartSummary;

    public string Help => Strings.RolloutStartHelp;

    public async Task<int> RunAsync(ParsedArguments arguments, CliContext context, CancellationToken cancellationToken)
    {
        var options = RolloutStartOptions.From(arguments, context.Environment);
        var gateway = context.Gateway(options.Gateway);
        var rollout = await gateway.StartRolloutAsync(options.Request, cancellationToken);
        RolloutPrinter.Started(context.Output, rollout, options.Wait);
        if (!options.Wait)
        {
            return ExitCodes.Success;
        }

        var finished = await new RolloutFollower(gateway, context.Output, context.Time).FollowAsync(rollout, cancellationToken);
        return RolloutPrinter.Finished(context.Output, finished);
    }
}
