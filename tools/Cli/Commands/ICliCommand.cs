using Surge.Cli.Arguments;

namespace Surge.Cli.Commands;

/// <summary>One surge-cli command.</summary>
internal interface ICliCommand
{
    CommandSpec Spec { get; }

    /// <summary>One line for the command list of <c>surge-cli help</c>.</summary>
    string Summary { get; }

    /// <summary>The full usage text that <c>--help</c> prints.</summary>
    string Help { get; }

    /// <summary>Runs the command and returns its exit code; failures may also surface as exceptions that <see cref="CliApplication"/> reports.</summary>
    Task<int> RunAsync(ParsedArguments arguments, CliContext context, CancellationToken cancellationToken);

    /// <summary>
    /// The commands this one groups, such as <c>rollout start</c> under <c>rollout</c>. The first argument selects one.
    /// Empty for a command that runs on its own.
    /// </summary>
    IReadOnlyList<ICliCommand> Subcommands => [];
}
