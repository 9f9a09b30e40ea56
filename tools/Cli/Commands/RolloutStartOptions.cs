using System.Globalization;
using Surge.Cli.Arguments;
using Surge.Cli.Http;
using Surge.Cli.Resources;

namespace Surge.Cli.Commands;

/// <summary>The options of <c>surge-cli rollout start</c>.</summary>
/// <param name="Request">The body of <c>POST /api/rollouts</c>. The gateway checks the ranges and names the field and the fix.</param>
/// <param name="Wait">Whether to follow the rollout until it finishes.</param>
internal sealed record RolloutStartOptions(RolloutStartRequest Request, bool Wait, Uri Gateway)
{
    public static readonly IReadOnlyList<string> Strategies = ["in-place", "drained-in-place", "recreate"];

    public static readonly CommandSpec Spec = new(
        "rollout start",
        [
            "strategy", "batch-size", "max-unavailable", "pause", "http-path", "max-error-rate", "window",
            "failure-threshold", "drain-timeout", "gateway",
        ],
        new Dictionary<string, string>(),
        ["SERVICE", "IMAGE"])
    {
        Flags = ["wait"],
    };

    public static RolloutStartOptions From(ParsedArguments arguments, Func<string, string?> environment)
    {
        var request = new RolloutStartRequest(
            Positional(arguments, 0, "SERVICE"),
            Positional(arguments, 1, "IMAGE"),
            OptionReader.Choice(arguments, "strategy", Strategies),
            BatchSize(arguments),
            OptionReader.PositiveIntegerOrNull(arguments, "max-unavailable"),
            OptionReader.Duration(arguments, "pause"),
            HealthGate(arguments),
            OptionReader.PositiveIntegerOrNull(arguments, "failure-threshold"),
            OptionReader.Duration(arguments, "drain-timeout"),
            RequestedBy(environment));
        return new RolloutStartOptions(request, arguments.Flag("wait"), OptionReader.Gateway(arguments, environment));
    }

    /// <summary>The requester recorded in the audit trail: the login from <c>USER</c> when set, and this tool.</summary>
    internal static string RequestedBy(Func<string, string?> environment) =>
        environment("USER") is { Length: > 0 } user ? $"{user} (surge-cli)" : "surge-cli";

    private static string Positional(ParsedArguments arguments, int index, string name)
    {
        var value = arguments.Positionals[index];
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new UsageException(Text.Format(Strings.UsageEmptyValue, name), arguments.Command);
        }

        return value;
    }

    /// <summary>Reads <c>--batch-size</c>: a count goes to the API as a number, a share such as <c>25%</c> as a string.</summary>
    private static object? BatchSize(ParsedArguments arguments)
    {
        var value = arguments.Option("batch-size");
        if (value is null)
        {
            return null;
        }

        var text = value.Trim();
        var isPercent = text.EndsWith('%');
        if (!int.TryParse(isPercent ? text[..^1] : text, NumberStyles.None, CultureInfo.InvariantCulture, out var number) || number < 1)
        {
            throw new UsageException(Text.Format(Strings.UsageInvalidBatchSize, "--batch-size", value), arguments.Command);
        }

        return isPercent ? $"{number.ToString(CultureInfo.InvariantCulture)}%" : number;
    }

    private static RolloutHealthGateRequest? HealthGate(ParsedArguments arguments)
    {
        var gate = new RolloutHealthGateRequest(
            OptionReader.TextOrNull(arguments, "http-path"),
            OptionReader.Share(arguments, "max-error-rate"),
            OptionReader.Duration(arguments, "window"));
        return gate is { HttpPath: null, MaxErrorRate: null, Window: null } ? null : gate;
    }
}
