using Surge.Cli.Arguments;
using Surge.Cli.Output;
using Surge.Cli.Resources;

namespace Surge.Cli.Commands;

/// <summary><c>surge-cli subnets</c>: prints every subnet with its mode and address counts.</summary>
internal sealed class SubnetsCommand : ICliCommand
{
    public CommandSpec Spec => SubnetsOptions.Spec;

    public string Summary => Strings.SubnetsSummary;

    public string Help => Strings.SubnetsHelp;

    public async Task<int> RunAsync(ParsedArguments arguments, CliContext context, CancellationToken cancellationToken)
    {
        var options = SubnetsOptions.From(arguments, context.Environment);
        var reply = await context.Gateway(options.Gateway).GetSubnetsAsync(cancellationToken);

        if (options.Json)
        {
            context.Output.Line(reply.Body.Trim());
        }
        else
        {
            SubnetsPrinter.Print(context.Output, reply.Value);
        }

        return ExitCodes.Success;
    }
}
