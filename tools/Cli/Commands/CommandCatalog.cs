using Surge.Cli.Arguments;
using Surge.Cli.Resources;

namespace Surge.Cli.Commands;

/// <summary>The commands surge-cli offers, in the order <c>surge-cli help</c> lists them.</summary>
internal static class CommandCatalog
{
    public static readonly IReadOnlyList<ICliCommand> All =
    [
        new ApplyCommand(),
        new AlarmCommand(),
        new SagaCommand(),
        new InventoryCommand(),
        new SubnetsCommand(),
        new AllocationsCommand(),
        new ConflictsCommand(),
        new RolloutCommand(),
        new DemoCommand(),
    ];

    public static ICliCommand? Find(string name) =>
        All.FirstOrDefault(command => command.Spec.Name.Equals(name, StringComparison.Ordinal));

    /// <summary>Returns the subcommand of <paramref name="group"/> that the first of <paramref name="arguments"/> names.</summary>
    /// <exception cref="UsageException">The subcommand is missing or unknown. The message lists the valid ones.</exception>
    public static ICliCommand FindSubcommand(ICliCommand group, IReadOnlyList<string> arguments)
    {
        var names = string.Join(", ", group.Subcommands.Select(SubcommandName));
        if (arguments.Count == 0 || arguments[0].StartsWith('-'))
        {
            throw new UsageException(Text.Format(Strings.UsageMissingSubcommand, group.Spec.Name, names), group.Spec.Name);
        }

        return group.Subcommands.FirstOrDefault(command => SubcommandName(command).Equals(arguments[0], StringComparison.Ordinal))
            ?? throw new UsageException(Text.Format(Strings.UsageUnknownSubcommand, arguments[0], group.Spec.Name, names), group.Spec.Name);
    }

    // A subcommand's spec carries its full name, such as "rollout start", so usage errors name the whole command.
    private static string SubcommandName(ICliCommand command) => command.Spec.Name[(command.Spec.Name.LastIndexOf(' ') + 1)..];
}
