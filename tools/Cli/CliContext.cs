using Surge.Cli.Http;
using Surge.Cli.Output;

namespace Surge.Cli;

/// <summary>What a command runs with: output, environment variables, clock and HTTP clients.</summary>
/// <param name="GatewayHttp">The client for gateway calls.</param>
/// <param name="DataPlaneHttp">The client for traffic through the data plane, with a shorter timeout.</param>
internal sealed record CliContext(
    CliOutput Output,
    Func<string, string?> Environment,
    TimeProvider Time,
    HttpClient GatewayHttp,
    HttpClient DataPlaneHttp)
{
    public GatewayClient Gateway(Uri baseUrl) => new(new JsonHttp(GatewayHttp), baseUrl);

    public DataPlaneClient DataPlane(Uri baseUrl) => new(new JsonHttp(DataPlaneHttp), baseUrl);
}
