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

    /// <summary>Runs rabbitmqctl with the arguments and returns its output.</summary>
    public static async Task<string> RunAsync(params string[] arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(Control, arguments) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var output = await process.StandardOutput.ReadToEndAsync();
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return process.ExitCode == 0 ? output : throw new InvalidOperationException($"rabbitmqctl {string.Join(' ', arguments)} failed: {error}");
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
