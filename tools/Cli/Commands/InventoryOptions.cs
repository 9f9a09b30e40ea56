using Surge.Cli.Arguments;
using Surge.Cli.Http;
using Surge.Cli.Resources;

namespace Surge.Cli.Commands;

/// <summary>The options of <c>surge-cli inventory</c>.</summary>
/// <param name="Service">The declared service whose pools and spread rules apply, or null to count the shape in every pool.</param>
/// <param name="Shape">The shape from <c>--cpu</c> and <c>--memory</c>, or null to count the service's own shape.</param>
/// <param name="Strategy"><c>spread</c> or <c>pack</c> from <c>--strategy</c>, or null to keep the service's or the scheduler's default.</param>
/// <param name="Json">Whether to print the gateway's JSON response instead of tables.</param>
internal sealed record InventoryOptions(string? Service, InventoryShape? Shape, string? Strategy, bool Json, Uri Gateway)
{
    public static readonly IReadOnlyList<string> Strategies = ["spread", "pack"];

    public static readonly CommandSpec Spec = new(
        "inventory",
        ["cpu", "memory", "strategy", "gateway"],
        new Dictionary<string, string>(),
        [])
    {
        OptionalPositionalNames = ["SERVICE"],
        Flags = ["json"],
    };

    /// <summary>
    /// Whether the command must send <c>POST /api/inventory</c>, because only that route takes a shape or a strategy.
    /// A service alone is read with <c>GET /api/inventory/{service}</c>.
    /// </summary>
    public bool NeedsPost => Shape is not null || Strategy is not null;

    public static InventoryOptions From(ParsedArguments arguments, Func<string, string?> environment)
    {
        var service = ReadService(arguments);
        var shape = ReadShape(arguments);
        if (service is null && shape is null)
        {
            throw new UsageException(Strings.UsageInventoryNothingToCount, arguments.Command);
        }

        return new InventoryOptions(
            service,
            shape,
            OptionReader.Choice(arguments, "strategy", Strategies),
            arguments.Flag("json"),
            OptionReader.Gateway(arguments, environment));
    }

    /// <summary>Returns the body of <c>POST /api/inventory</c> for these options.</summary>
    public InventoryQuery ToQuery() => new(Shape, Service, Strategy);

    private static string? ReadService(ParsedArguments arguments)
    {
        if (arguments.Positionals.Count == 0)
        {
            return null;
        }

        var service = arguments.Positionals[0];
        if (string.IsNullOrWhiteSpace(service))
        {
            throw new UsageException(Text.Format(Strings.UsageEmptyValue, "SERVICE"), arguments.Command);
        }

        return service;
    }

    /// <summary>Reads <c>--cpu</c> and <c>--memory</c>, which make a shape only together.</summary>
    private static InventoryShape? ReadShape(ParsedArguments arguments)
    {
        var cpu = OptionReader.PositiveIntegerOrNull(arguments, "cpu");
        var memory = OptionReader.PositiveIntegerOrNull(arguments, "memory");
        return (cpu, memory) switch
        {
            (null, null) => null,
            ({ } cpuMillicores, { } memoryMiB) => new InventoryShape(cpuMillicores, memoryMiB),
            (_, null) => throw new UsageException(Text.Format(Strings.UsageShapeIncomplete, "--cpu", "--memory"), arguments.Command),
            (null, _) => throw new UsageException(Text.Format(Strings.UsageShapeIncomplete, "--memory", "--cpu"), arguments.Command),
        };
    }
}
