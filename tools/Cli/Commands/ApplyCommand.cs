using Surge.Cli.Arguments;
using Surge.Cli.Fleet;
using Surge.Cli.Http;
using Surge.Cli.Output;
using Surge.Cli.Resources;

namespace Surge.Cli.Commands;

/// <summary><c>surge-cli apply -f FILE</c>: sends a fleet file to the gateway and prints what each resource became.</summary>
internal sealed class ApplyCommand : ICliCommand
{
    public CommandSpec Spec => ApplyOptions.Spec;

    public string Summary => Strings.ApplySummary;

    public string Help => Strings.ApplyHelp;

    public async Task<int> RunAsync(ParsedArguments arguments, CliContext context, CancellationToken cancellationToken)
    {
        var options = ApplyOptions.From(arguments, context.Environment);
        await ApplyAsync(context.Gateway(options.Gateway), options.File, context.Output, cancellationToken);
        return ExitCodes.Success;
    }

    /// <summary>Reads the fleet file, posts it and prints the applied resources; the demo's first step too.</summary>
    public static async Task ApplyAsync(GatewayClient gateway, string path, CliOutput output, CancellationToken cancellationToken)
    {
        var fleet = FleetFile.Read(path);
        output.Line(Text.Format(Strings.ApplySending, fleet.Path, gateway.BaseUrl, fleet.MediaType));

        var result = await gateway.ApplyFleetAsync(fleet.Content, fleet.MediaType, cancellationToken);
        ResultPrinter.Applied(output, result);
    }
}
