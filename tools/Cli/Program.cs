using System.Net;
using Surge.Cli;
using Surge.Cli.Output;

using var cancellation = new CancellationTokenSource();
Console.CancelKeyPress += (_, pressed) =>
{
    pressed.Cancel = true;
    cancellation.Cancel();
};

// Alertmanager's Go client asks for gzip, so the same handler serves the webhook and the other calls.
using var handler = new SocketsHttpHandler { AutomaticDecompression = DecompressionMethods.GZip };
using var gatewayHttp = new HttpClient(handler, disposeHandler: false) { Timeout = TimeSpan.FromSeconds(30) };
using var dataPlaneHttp = new HttpClient(handler, disposeHandler: false) { Timeout = TimeSpan.FromSeconds(5) };

// The gateway asks every caller for an API key; SURGE_API_KEY holds it, sent the way Alertmanager sends a bearer token.
if (Environment.GetEnvironmentVariable("SURGE_API_KEY") is { Length: > 0 } apiKey)
{
    gatewayHttp.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", apiKey);
}

var context = new CliContext(
    new CliOutput(Console.Out, Console.Error),
    Environment.GetEnvironmentVariable,
    TimeProvider.System,
    gatewayHttp,
    dataPlaneHttp);
return await CliApplication.RunAsync(args, context, cancellation.Token);
