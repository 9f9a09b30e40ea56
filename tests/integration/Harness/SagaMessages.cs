using System.Text;
using System.Text.Json;
using RabbitMQ.Client;

namespace Surge.IntegrationTests.Harness;

/// <summary>
/// Plays a saga on the cluster's broker: publishes MassTransit messages to a participant and collects the replies of the
/// types it listens to, for participants whose messages have no HTTP route.
/// </summary>
public sealed class SagaMessages : IAsyncDisposable
{
    private readonly IConnection connection;
    private readonly IChannel channel;
    private readonly string prefix;
    private readonly string queue;

    private SagaMessages(IConnection connection, IChannel channel, string prefix, string queue)
    {
        this.connection = connection;
        this.channel = channel;
        this.prefix = prefix;
        this.queue = queue;
    }

    /// <summary>Connects to the cluster's virtual host and listens to the reply types, named like <c>Surge.Contracts.Instances:InstanceUpdated</c>.</summary>
    public static async Task<SagaMessages> ListenAsync(SurgeCluster cluster, params string[] replyTypes)
    {
        var uri = cluster.Service("provisioner").Environment["ConnectionStrings__RabbitMq"];
        var factory = new ConnectionFactory { Uri = new Uri(uri) };
        var connection = await factory.CreateConnectionAsync();
        var channel = await connection.CreateChannelAsync();
        var queue = (await channel.QueueDeclareAsync($"{cluster.EntityPrefix}tests-{Guid.NewGuid():N}", durable: false, exclusive: true, autoDelete: true)).QueueName;

        // MassTransit publishes each message type to a durable fanout exchange named after the type.
        foreach (var replyType in replyTypes)
        {
            var exchange = cluster.EntityPrefix + replyType;
            await channel.ExchangeDeclareAsync(exchange, ExchangeType.Fanout, durable: true, autoDelete: false);
            await channel.QueueBindAsync(queue, exchange, "");
        }

        return new SagaMessages(connection, channel, cluster.EntityPrefix, queue);
    }

    /// <summary>Publishes <paramref name="message"/> as the MassTransit message type <paramref name="messageType"/>.</summary>
    public async Task PublishAsync(string messageType, object message)
    {
        var envelope = new
        {
            messageId = Guid.NewGuid(),
            messageType = new[] { $"urn:message:{messageType}" },
            message,
            sentTime = DateTime.UtcNow,
            headers = new Dictionary<string, object> { ["Surge-Correlation-Id"] = $"tests-{Guid.NewGuid():N}" },
        };
        var body = JsonSerializer.SerializeToUtf8Bytes(envelope, JsonSerializerOptions.Web);
        var properties = new BasicProperties { ContentType = "application/vnd.masstransit+json", Persistent = true };
        await channel.BasicPublishAsync(prefix + messageType, "", mandatory: false, properties, body);
    }

    /// <summary>Returns the first reply whose message matches <paramref name="match"/>, or fails after <paramref name="timeout"/>.</summary>
    public async Task<JsonElement> WaitForAsync(string messageType, Func<JsonElement, bool> match, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        var seen = new List<string>();
        while (DateTime.UtcNow < deadline)
        {
            var delivery = await channel.BasicGetAsync(queue, autoAck: true);
            if (delivery is null)
            {
                await Task.Delay(50);
                continue;
            }

            var envelope = JsonDocument.Parse(Encoding.UTF8.GetString(delivery.Body.Span)).RootElement;
            var types = envelope.GetProperty("messageType").EnumerateArray().Select(type => type.GetString()).ToArray();
            var message = envelope.GetProperty("message");
            if (types.Contains($"urn:message:{messageType}") && match(message))
            {
                return message.Clone();
            }

            seen.Add($"{string.Join(",", types)} {message}");
        }

        throw new TimeoutException($"No {messageType} matched within {timeout.TotalSeconds} s. Other messages: {string.Join("; ", seen)}");
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await channel.DisposeAsync();
        await connection.DisposeAsync();
    }
}
