using System.Diagnostics;
using RabbitMQ.Client;

namespace Surge.IntegrationTests.Harness;

/// <summary>Controls and inspects the RabbitMQ node that <c>./surge test</c> started, through its rabbitmqctl wrapper.</summary>
public static class Broker
{
    /// <summary>The rabbitmqctl wrapper that <c>./surge test</c> exports; the tests that need it fail with this message without it.</summary>
    public static string Control => Environment.GetEnvironmentVariable("SURGE_TEST_RABBITMQCTL") is { Length: > 0 } control
        ? control
        : throw new InvalidOperationException("This test controls the RabbitMQ node, which only works with the broker ./surge test starts. Run it with ./surge test.");

    /// <summary>Runs rabbitmqctl with the arguments and a two-minute limit, and returns its output.</summary>
    public static Task<string> RunAsync(params string[] arguments) => RunWithinAsync(TimeSpan.FromMinutes(2), arguments);

    /// <summary>
    /// Runs rabbitmqctl with the arguments and returns its output. Each call starts an Erlang VM that talks to the
    /// node. A call still running after <paramref name="timeout"/> is killed, so an unresponsive node fails the test
    /// instead of hanging the run.
    /// </summary>
    public static async Task<string> RunWithinAsync(TimeSpan timeout, params string[] arguments)
    {
        var command = $"rabbitmqctl {string.Join(' ', arguments)}";
        using var process = Process.Start(new ProcessStartInfo(Control, arguments) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var patience = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(patience.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{command} did not finish within {timeout.TotalSeconds} s.");
        }

        // rabbitmqctl writes some of its errors to standard output, so a failure shows both.
        return process.ExitCode == 0
            ? await output
            : throw new InvalidOperationException($"{command} failed with exit code {process.ExitCode}: {await error}{await output}");
    }

    /// <summary>
    /// Starts the RabbitMQ application again after <c>stop_app</c> and waits until the node accepts connections. A
    /// failed start is tried again for up to three minutes: every later test shares this node, so giving up after one
    /// failed call would leave all of them without a broker.
    /// </summary>
    public static async Task StartAppAsync()
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(3);
        var failures = new List<string>();
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                await RunAsync("start_app");
                await RunWithinAsync(TimeSpan.FromSeconds(90), "await_startup", "--timeout", "60");
                return;
            }
            catch (Exception exception) when (exception is InvalidOperationException or TimeoutException)
            {
                failures.Add(exception.Message);
                await Task.Delay(TimeSpan.FromSeconds(2));
            }
        }

        throw new InvalidOperationException($"The RabbitMQ application did not start again within three minutes:\n{string.Join('\n', failures)}");
    }

    /// <summary>Takes one message from a queue of the cluster's virtual host and returns its headers, or null when the queue is empty.</summary>
    public static async Task<IDictionary<string, object?>?> TakeAsync(string amqpUri, string virtualHost, string queue)
    {
        var factory = new ConnectionFactory { Uri = new Uri(amqpUri), VirtualHost = virtualHost };
        await using var connection = await factory.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();
        var message = await channel.BasicGetAsync(queue, autoAck: false);
        return message?.BasicProperties.Headers;
    }
}
