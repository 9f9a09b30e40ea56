using Surge.Cli.Arguments;

namespace Surge.Cli.Commands;

/// <summary>The options of <c>surge-cli rollout list</c>.</summary>
/// <param name="Service">The service whose rollouts to list, or null for every service.</param>
internal sealed record RolloutListOptions(string? Service, Uri Gateway)
{
    public static readonly CommandSpec Spec = new("rollout list", ["service", "gateway"], new Dictionary<string, string>(), []);

    public static RolloutListOptions From(ParsedArguments arguments, Func<string, string?> environment) =>
        new(OptionReader.TextOrNull(arguments, "service"), OptionReader.Gateway(arguments, environment));
}
