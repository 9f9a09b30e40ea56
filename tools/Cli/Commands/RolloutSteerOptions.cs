using Surge.Cli.Arguments;

namespace Surge.Cli.Commands;

/// <summary>The options of <c>surge-cli rollout pause|resume|abort|rollback</c>.</summary>
/// <param name="Reason">The reason recorded in the rollout's events, or null for the gateway's default. <c>resume</c> takes none.</param>
internal sealed record RolloutSteerOptions(string RolloutId, string? Reason, Uri Gateway)
{
    /// <summary>Returns the spec of <c>rollout <paramref name="command"/></c>. Only resume has no <c>--reason</c>, because the API records none for it.</summary>
    public static CommandSpec SpecFor(string command) => new(
        "rollout " + command,
        command == RolloutSteerCommand.Resume ? ["gateway"] : ["reason", "gateway"],
        new Dictionary<string, string>(),
        ["ID"]);

    public static RolloutSteerOptions From(ParsedArguments arguments, Func<string, string?> environment) => new(
        RolloutIdentity.From(arguments),
        OptionReader.TextOrNull(arguments, "reason"),
        OptionReader.Gateway(arguments, environment));
}
