using Surge.Cli.Arguments;
using Surge.Cli.Http;

namespace Surge.Cli.Commands;

/// <summary>The options of <c>surge-cli allocations</c>.</summary>
/// <param name="Filter">The filters from <c>--instance</c>, <c>--node</c>, <c>--subnet</c> and <c>--address</c>.</param>
/// <param name="Json">Whether to print the gateway's JSON response instead of the table.</param>
internal sealed record AllocationsOptions(AllocationFilter Filter, bool Json, Uri Gateway)
{
    public static readonly CommandSpec Spec = new(
        "allocations",
        ["instance", "node", "subnet", "address", "gateway"],
        new Dictionary<string, string>(),
        [])
    {
        Flags = ["json"],
    };

    public static AllocationsOptions From(ParsedArguments arguments, Func<string, string?> environment)
    {
        var filter = new AllocationFilter(
            OptionReader.Uuid(arguments, "instance"),
            OptionReader.TextOrNull(arguments, "node"),
            OptionReader.TextOrNull(arguments, "subnet"),
            OptionReader.IpAddress(arguments, "address"));
        return new AllocationsOptions(filter, arguments.Flag("json"), OptionReader.Gateway(arguments, environment));
    }
}
