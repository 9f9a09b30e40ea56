using Surge.Cli.Alerts;
using Surge.Cli.Arguments;

namespace Surge.Cli.Commands;

/// <summary>The options of <c>surge-cli alarm</c>.</summary>
/// <param name="StartsAt">When the alert started firing; null means now.</param>
internal sealed record AlarmOptions(string Service, string AlertName, Uri Gateway, DateTimeOffset? StartsAt)
{
    public static readonly CommandSpec Spec = new(
        "alarm",
        ["service", "alertname", "gateway", "starts-at"],
        new Dictionary<string, string>(),
        []);

    public static AlarmOptions From(ParsedArguments arguments, Func<string, string?> environment) => new(
        OptionReader.Required(arguments, "service"),
        OptionReader.TextOrDefault(arguments, "alertname", AlarmRequest.DefaultAlertName),
        OptionReader.Gateway(arguments, environment),
        OptionReader.Timestamp(arguments, "starts-at"));
}
