using Surge.Cli.Arguments;

namespace Surge.Cli.Commands;

/// <summary>The options of <c>surge-cli demo</c>.</summary>
/// <param name="FleetFile">The fleet file applied first; relative paths start from the current folder.</param>
/// <param name="Service">The service the alert scales out and the traffic goes to.</param>
/// <param name="Requests">How many requests to send through the data plane after the scale-out.</param>
/// <param name="Timeout">How long to follow the saga before giving up.</param>
internal sealed record DemoOptions(
    Uri Gateway,
    Uri DataPlane,
    string FleetFile,
    string Service,
    int Requests,
    TimeSpan Timeout)
{
    public const string DefaultFleetFile = "samples/demo-fleet.yaml";

    public const string DefaultService = "feed-api";

    public const int DefaultRequests = 60;

    public const int DefaultTimeoutSeconds = 90;

    /// <summary>Caps that keep a mistyped value from flooding the data plane or hanging the demo.</summary>
    public const int MaxRequests = 10_000;

    public const int MaxTimeoutSeconds = 3600;

    public static readonly CommandSpec Spec = new(
        "demo",
        ["gateway", "data-plane", "fleet", "service", "requests", "timeout"],
        new Dictionary<string, string>(),
        []);

    public static DemoOptions From(ParsedArguments arguments, Func<string, string?> environment) => new(
        OptionReader.Gateway(arguments, environment),
        OptionReader.DataPlane(arguments, environment),
        OptionReader.TextOrDefault(arguments, "fleet", DefaultFleetFile),
        OptionReader.TextOrDefault(arguments, "service", DefaultService),
        OptionReader.PositiveInteger(arguments, "requests", DefaultRequests, MaxRequests),
        TimeSpan.FromSeconds(OptionReader.PositiveInteger(arguments, "timeout", DefaultTimeoutSeconds, MaxTimeoutSeconds)));
}
