using Surge.Cli.Arguments;

namespace Surge.Cli.Commands;

/// <summary>The options of <c>surge-cli subnets</c>.</summary>
/// <param name="Json">Whether to print the gateway's JSON response instead of the table.</param>
internal sealed record SubnetsOptions(bool Json, Uri Gateway)
{
    public static readonly CommandSpec Spec = new(
        "subnets",
        ["gateway"],
        new Dictionary<string, string>(),
        [])
    {
        Flags = ["json"],
    };

    public static SubnetsOptions From(ParsedArguments arguments, Func<string, string?> environment) => new(
        arguments.Flag("json"),
        OptionReader.Gateway(arguments, environment));
}
