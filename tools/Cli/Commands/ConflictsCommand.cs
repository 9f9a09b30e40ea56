using Surge.Cli.Arguments;
using Surge.Cli.Output;
using Surge.Cli.Resources;

namespace Surge.Cli.Commands;

/// <summary><c>surge-cli conflicts</c>: prints the open address conflicts that reconciliation found.</summary>
internal sealed class ConflictsCommand : ICliCommand
{
    public CommandSpec Spec => ConflictsOptions.Spec;

    public string Summary => Strings.ConflictsSummary;

    public string Help => Strings.ConflictsHelp;

    public async Task<int> RunAsync(ParsedArguments arguments, CliContext context, CancellationToken cancellationToken)
    {
        var options = ConflictsOptions.From(arguments, context.Environment);
        var reply = await context.Gateway(options.Gateway).GetConflictsAsync(options.Subnet, cancellationToken);

        if (options.Json)
        {
            context.Output.Line(reply.Body.Trim());
        }
        else
        {
            ConflictsPrinter.Print(context.Output, reply.Value, options.Subnet, context.Time.LocalTimeZone);
        }

        return ExitCodes.Success;
    }
}
