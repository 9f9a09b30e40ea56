using Surge.Cli.Arguments;

namespace Surge.Cli.Commands;

/// <summary>The options of <c>surge-cli saga</c>.</summary>
internal sealed record SagaOptions(string SagaId, Uri Gateway)
{
    public static readonly CommandSpec Spec = new(
        "saga",
        ["gateway"],
        new Dictionary<string, string>(),
        ["ID"]);

    public static SagaOptions From(ParsedArguments arguments, Func<string, string?> environment) => new(
        arguments.Positionals[0],
        OptionReader.Gateway(arguments, environment));
}
