using System.Globalization;
using Surge.Cli.Arguments;
using Surge.Cli.Commands;
using Surge.Cli.Http;
using Surge.Cli.Output;
using Surge.Cli.Resources;

namespace Surge.Cli;

/// <summary>Chooses the language, finds the command, runs it, and turns failures into messages and exit codes.</summary>
internal static class CliApplication
{
    public static async Task<int> RunAsync(IReadOnlyList<string> commandLine, CliContext context, CancellationToken cancellationToken)
    {
        var output = context.Output;
        var arguments = commandLine.ToList();
        try
        {
            if (LanguageOption.Extract(arguments) is { } culture)
            {
                CultureInfo.CurrentUICulture = culture;
            }

            return await DispatchAsync(arguments, context, cancellationToken);
        }
        catch (UsageException exception)
        {
            output.ErrorLine(exception.Message);
            output.ErrorLine(exception.Command is null
                ? Strings.UsageSeeHelp
                : Text.Format(Strings.UsageSeeCommandHelp, exception.Command));
            return ExitCodes.Usage;
        }
        catch (GatewayProblemException exception)
        {
            ErrorReporter.Problem(output, exception);
            return ExitCodes.Failure;
        }
        catch (ServiceUnreachableException exception)
        {
            ErrorReporter.Unreachable(output, exception);
            return ExitCodes.Failure;
        }
        catch (CliFailureException exception)
        {
            output.ErrorLine(exception.Message);
            return ExitCodes.Failure;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            output.ErrorLine(Strings.ErrorCancelled);
            return ExitCodes.Failure;
        }
    }

    private static async Task<int> DispatchAsync(List<string> arguments, CliContext context, CancellationToken cancellationToken)
    {
        if (arguments.Count == 0)
        {
            HelpPrinter.Overview(context.Output.Error);
            return ExitCodes.Usage;
        }

        var name = arguments[0];
        if (name is "help" or "--help" or "-h")
        {
            return HelpPrinter.Run(context.Output, arguments.Skip(1).ToList());
        }

        var command = CommandCatalog.Find(name) ?? throw new UsageException(Text.Format(Strings.UsageUnknownCommand, name));
        var rest = arguments.Skip(1).ToList();
        if (command.Subcommands.Count > 0)
        {
            if (rest.Count > 0 && rest[0] is "--help" or "-h")
            {
                HelpPrinter.Command(context.Output.Output, command);
                return ExitCodes.Success;
            }

            command = CommandCatalog.FindSubcommand(command, rest);
            rest.RemoveAt(0);
        }

        var parsed = ArgumentParser.Parse(command.Spec, rest);
        if (parsed.HelpRequested)
        {
            HelpPrinter.Command(context.Output.Output, command);
            return ExitCodes.Success;
        }

        return await command.RunAsync(parsed, context, cancellationToken);
    }
}
