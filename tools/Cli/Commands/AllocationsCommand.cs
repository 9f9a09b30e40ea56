using Surge.Cli.Arguments;
using Surge.Cli.Output;
using Surge.Cli.Resources;

namespace Surge.Cli.Commands;

/// <summary><c>surge-cli allocations</c>: prints the live address allocations that match the filters.</summary>
internal sealed class AllocationsCommand : ICliCommand
{
    public CommandSpec Spec => AllocationsOptions.Spec;

    public string Summary => Strings.AllocationsSummary;

    public string Help => Strings.AllocationsHelp;

    public async Task<int> RunAsync(ParsedArguments arguments, CliContext context, CancellationToken cancellationToken)
    {
        var options = AllocationsOptions.From(arguments, context.Environment);
        var reply = await context.Gateway(options.Gateway).GetAllocationsAsync(options.Filter, cancellationToken);

        if (options.Json)
        {
            context.Output.Line(reply.Body.Trim());
        }
        else
        {
            AllocationsPrinter.Print(context.Output, reply.Value, options.Filter.IsEmpty, context.Time.LocalTimeZone);
        }

        return ExitCodes.Success;
    }
}
