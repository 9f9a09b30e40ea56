using Surge.Cli.Arguments;

namespace Surge.Cli.Commands;

/// <summary>The options of <c>surge-cli conflicts</c>.</summary>
/// <param name="Subnet">The subnet whose conflicts to list, or null for every subnet.</param>
/// <param name="Json">Whether to print the gateway's JSON response instead of the table.</param>
internal sealed record ConflictsOptions(string? Subnet, bool Json, Uri Gateway)
{
    public static readonly CommandSpec Spec = new(
        "conflicts",
        ["subnet", "gateway"],
        new Dictionary<string, string>(),
        [])
    {
        Flags = ["json"],
    };

    public static ConflictsOptions From(ParsedArguments arguments, Func<string, string?> environment) => new(
        OptionReader.TextOrNull(arguments, "subnet"),
        arguments.Flag("json"),
        OptionReader.Gateway(arguments, environment));
}
