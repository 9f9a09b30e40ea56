using Surge.Cli.Arguments;
using Surge.Cli.Http;
using Surge.Cli.Output;
using Surge.Cli.Resources;

namespace Surge.Cli.Commands;

/// <summary><c>surge-cli rollout pause|resume|abort|rollback ID</c>: sends one of the operator's commands to a rollout.</summary>
/// <param name="command">The command as the API names it, which is also the subcommand's name.</param>
internal sealed class RolloutSteerCommand(string command) : ICliCommand
{
    public const string Pause = "pause";

    public const string Resume = "resume";

    public const string Abort = "abort";

    public const string Rollback = "rollback";

    public CommandSpec Spec { get; } = RolloutSteerOptions.SpecFor(command);

    public string Summary => command switch
    {
        Pause => Strings.RolloutPauseSummary,
        Resume => Strings.RolloutResumeSummary,
        Abort => Strings.RolloutAbortSummary,
        _ => Strings.RolloutRollbackSummary,
    };

    public string Help => command switch
    {
        Pause => Strings.RolloutPauseHelp,
        Resume => Strings.RolloutResumeHelp,
        Abort => Strings.RolloutAbortHelp,
        _ => Strings.RolloutRollbackHelp,
    };

    public async Task<int> RunAsync(ParsedArguments arguments, CliContext context, CancellationToken cancellationToken)
    {
        var options = RolloutSteerOptions.From(arguments, context.Environment);

        // Resume takes no body. The others take one, and a null reason lets the gateway record its own.
        var body = command == Resume ? null : new RolloutCommandRequest(options.Reason);
        var rollout = await context.Gateway(options.Gateway).SteerRolloutAsync(options.RolloutId, command, body, cancellationToken);
        RolloutPrinter.Steered(context.Output, command, rollout);
        return ExitCodes.Success;
    }
}
