using Surge.Cli.Arguments;

namespace Surge.Cli.Commands;

/// <summary>The options of <c>surge-cli rollout show</c>.</summary>
internal sealed record RolloutShowOptions(string RolloutId, Uri Gateway)
{
    public static readonly CommandSpec Spec = new("rollout show", ["gateway"], new Dictionary<string, string>(), ["ID"]);

    public static RolloutShowOptions From(ParsedArguments arguments, Func<string, string?> environment) =>
        new(RolloutIdentity.From(arguments), OptionReader.Gateway(arguments, environment));
}
