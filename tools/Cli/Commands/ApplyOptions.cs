using Surge.Cli.Arguments;

namespace Surge.Cli.Commands;

/// <summary>The options of <c>surge-cli apply</c>.</summary>
internal sealed record ApplyOptions(string File, Uri Gateway)
{
    public static readonly CommandSpec Spec = new(
        "apply",
        ["file", "gateway"],
        new Dictionary<string, string> { ["f"] = "file" },
        []);

    public static ApplyOptions From(ParsedArguments arguments, Func<string, string?> environment) => new(
        OptionReader.Required(arguments, "file"),
        OptionReader.Gateway(arguments, environment));
}
