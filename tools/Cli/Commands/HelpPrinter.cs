using Surge.Cli.Output;
using Surge.Cli.Resources;

namespace Surge.Cli.Commands;

/// <summary>Prints the overview of all commands, or one command's help.</summary>
internal static class HelpPrinter
{
    // Two spaces past the longest command name, so the summaries line up.
    private static int NameWidth => CommandCatalog.All.Max(command => command.Spec.Name.Length) + 2;

    /// <summary>Prints the usage line, the command list and the options and environment variables every command reads.</summary>
    public static void Overview(TextWriter writer)
    {
        writer.WriteLine(Strings.HelpUsage);
        writer.WriteLine();
        writer.WriteLine(Strings.HelpCommandsHeading);
        foreach (var command in CommandCatalog.All)
        {
            writer.WriteLine("  " + command.Spec.Name.PadRight(NameWidth) + command.Summary);
        }

        writer.WriteLine("  " + "help".PadRight(NameWidth) + Strings.HelpHelpSummary);
        writer.WriteLine();
        writer.WriteLine(Strings.HelpCommon);
    }

    /// <summary>Prints <paramref name="command"/>'s help followed by the options every command reads.</summary>
    public static void Command(TextWriter writer, ICliCommand command)
    {
        writer.WriteLine(command.Help);
        writer.WriteLine();
        writer.WriteLine(Strings.HelpCommon);
    }

    /// <summary>Handles <c>surge-cli help [COMMAND]</c> and returns its exit code.</summary>
    public static int Run(CliOutput output, IReadOnlyList<string> arguments)
    {
        if (arguments.Count == 0)
        {
            Overview(output.Output);
            return ExitCodes.Success;
        }

        var command = CommandCatalog.Find(arguments[0]);
        if (command is { Subcommands.Count: > 0 } && arguments.Count == 2)
        {
            command = command.Subcommands.FirstOrDefault(subcommand => subcommand.Spec.Name == arguments[0] + " " + arguments[1]);
        }
        else if (arguments.Count > 1)
        {
            command = null;
        }

        if (command is null)
        {
            output.ErrorLine(Text.Format(Strings.UsageUnknownCommand, string.Join(' ', arguments)));
            return ExitCodes.Usage;
        }

        Command(output.Output, command);
        return ExitCodes.Success;
    }
}
