using Surge.Cli.Arguments;
using Surge.Cli.Resources;

namespace Surge.Cli.Commands;

/// <summary><c>surge-cli rollout</c>: the subcommands that start, show, list and steer rollouts.</summary>
internal sealed class RolloutCommand : ICliCommand
{
    public CommandSpec Spec { get; } = new("rollout", [], new Dictionary<string, string>(), []);

    public string Summary => Strings.RolloutSummary;

    public string Help => Strings.RolloutHelp;

    public IReadOnlyList<ICliCommand> Subcommands { get; } =
    [
        new RolloutStartCommand(),
        new RolloutShowCommand(),
        new RolloutListCommand(),
        new RolloutSteerCommand(RolloutSteerCommand.Pause),
        new RolloutSteerCommand(RolloutSteerCommand.Resume),
        new RolloutSteerCommand(RolloutSteerCommand.Abort),
        new RolloutSteerCommand(RolloutSteerCommand.Rollback),
    ];

    // CliApplication hands the arguments to the subcommand they name, so this group never runs itself.
    public Task<int> RunAsync(ParsedArguments arguments, CliContext context, CancellationToken cancellationToken) =>
        throw new InvalidOperationException("The rollout command runs through its subcommands.");
}
