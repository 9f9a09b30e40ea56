using Surge.Cli.Arguments;
using Surge.Cli.Output;
using Surge.Cli.Resources;

namespace Surge.Cli.Commands;

/// <summary><c>surge-cli saga ID</c>: prints a saga's status and instances.</summary>
internal sealed class SagaCommand : ICliCommand
{
    public CommandSpec Spec => SagaOptions.Spec;

    public string Summary => Strings.SagaSummary;

    public string Help => Strings.SagaHelp;

    public async Task<int> RunAsync(ParsedArguments arguments, CliContext context, CancellationToken cancellationToken)
    {
        var options = SagaOptions.From(arguments, context.Environment);
        var saga = await context.Gateway(options.Gateway).GetSagaAsync(options.SagaId, cancellationToken);
        ResultPrinter.Saga(context.Output, saga, context.Time.LocalTimeZone);
        return ExitCodes.Success;
    }
}
