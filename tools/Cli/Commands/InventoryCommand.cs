using Surge.Cli.Arguments;
using Surge.Cli.Output;
using Surge.Cli.Resources;

namespace Surge.Cli.Commands;

/// <summary><c>surge-cli inventory [SERVICE]</c>: prints how many more instances fit, where, and what stops the next one.</summary>
internal sealed class InventoryCommand : ICliCommand
{
    public CommandSpec Spec => InventoryOptions.Spec;

    public string Summary => Strings.InventorySummary;

    public string Help => Strings.InventoryHelp;

    public async Task<int> RunAsync(ParsedArguments arguments, CliContext context, CancellationToken cancellationToken)
    {
        var options = InventoryOptions.From(arguments, context.Environment);
        var gateway = context.Gateway(options.Gateway);
        var reply = options.NeedsPost
            ? await gateway.QueryInventoryAsync(options.ToQuery(), cancellationToken)
            : await gateway.GetInventoryAsync(options.Service!, cancellationToken);

        if (options.Json)
        {
            context.Output.Line(reply.Body.Trim());
        }
        else
        {
            InventoryPrinter.Print(context.Output, reply.Value);
        }

        return ExitCodes.Success;
    }
}
