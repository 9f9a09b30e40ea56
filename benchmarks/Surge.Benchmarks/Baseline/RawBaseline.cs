using System.Collections.Concurrent;
using System.Diagnostics;
using Npgsql;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace Surge.Benchmarks.Baseline;

/// <summary>
/// The saga's round trips with no framework around them: Npgsql transactions that insert or delete one 1 KB row and
/// commit, and RabbitMQ.Client publishes of a persistent 1 KB message to a fanout exchange bound to a durable queue,
/// each waiting for the broker's confirm. A consumer drains the queue, as the services' consumers do.
/// </summary>
public sealed class RawBaseline : IAsyncDisposable
{
    private const string Schema = "bench_baseline";
    private const string Exchange = "bench-baseline";
    private const string Queue = "bench-baseline";
    private static readonly byte[] Message = new byte[1024];
    private static readonly string Document = "{\"payload\":\"" + new string('x', 1000) + "\"}";

    private readonly NpgsqlDataSource database;
    private readonly IConnection broker;
    private readonly IChannel drain;

    private RawBaseline(NpgsqlDataSource database, IConnection broker, IChannel drain)
    {
        this.database = database;
        this.broker = broker;
        this.drain = drain;
    }

    /// <summary>Creates the baseline table and the broker's exchange and queue, and starts draining the queue.</summary>
    public static async Task<RawBaseline> CreateAsync(string postgres, string rabbitMq)
    {
        var database = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(postgres) { MaxPoolSize = 40 }.ConnectionString);
        await using (var command = database.CreateCommand(
            $"CREATE SCHEMA IF NOT EXISTS {Schema}; CREATE TABLE IF NOT EXISTS {Schema}.outbox (id uuid PRIMARY KEY, body jsonb NOT NULL)"))
        {
            await command.ExecuteNonQueryAsync();
        }

        var broker = await new ConnectionFactory { Uri = new Uri(rabbitMq) }.CreateConnectionAsync("surge-bench-baseline");
        var drain = await broker.CreateChannelAsync();
        await drain.ExchangeDeclareAsync(Exchange, ExchangeType.Fanout, durable: true);
        await drain.QueueDeclareAsync(Queue, durable: true, exclusive: false, autoDelete: false);
        await drain.QueueBindAsync(Queue, Exchange, "");
        var consumer = new AsyncEventingBasicConsumer(drain);
        consumer.ReceivedAsync += (_, _) => Task.CompletedTask;
        await drain.BasicConsumeAsync(Queue, autoAck: true, consumer);
        return new RawBaseline(database, broker, drain);
    }

    /// <summary>Runs <paramref name="count"/> sagas' round trips with at most <paramref name="concurrency"/> at once, each saga's in order.</summary>
    public async Task<BaselineBatch> RunAsync(int count, int concurrency, int instances)
    {
        var steps = SagaOperations.Steps(instances);
        var results = new ConcurrentBag<IReadOnlyDictionary<string, double>>();
        var next = -1;
        var clock = Stopwatch.StartNew();

        async Task WorkAsync()
        {
            await using var channel = await broker.CreateChannelAsync(new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true));
            while (Interlocked.Increment(ref next) < count)
            {
                results.Add(await RunSagaAsync(channel, steps));
            }
        }

        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(_ => Task.Run(WorkAsync)));
        return new BaselineBatch([.. results], clock.Elapsed);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await drain.DisposeAsync();
        await broker.DisposeAsync();
        await database.DisposeAsync();
    }

    private async Task<IReadOnlyDictionary<string, double>> RunSagaAsync(IChannel channel, IReadOnlyList<(string Step, IReadOnlyList<Operation> Operations)> steps)
    {
        var pending = new Queue<Guid>();
        await RunAsync(channel, SagaOperations.Request, pending);

        var durations = new Dictionary<string, double>();
        var total = 0.0;
        foreach (var (step, operations) in steps)
        {
            var clock = Stopwatch.StartNew();
            await RunAsync(channel, operations, pending);
            durations[step] = clock.Elapsed.TotalMilliseconds;
            total += durations[step];
        }

        durations["whole saga"] = total;
        return durations;
    }

    private async Task RunAsync(IChannel channel, IReadOnlyList<Operation> operations, Queue<Guid> pending)
    {
        foreach (var operation in operations)
        {
            switch (operation)
            {
                case Operation.Commit:
                    var id = Guid.CreateVersion7();
                    await ExecuteInTransactionAsync($"INSERT INTO {Schema}.outbox (id, body) VALUES ($1, $2::jsonb)", id, Document);
                    pending.Enqueue(id);
                    break;
                case Operation.Publish:
                    var properties = new BasicProperties { Persistent = true, MessageId = Guid.NewGuid().ToString("N"), ContentType = "application/json" };
                    await channel.BasicPublishAsync(Exchange, "", mandatory: false, properties, Message);
                    break;
                case Operation.OutboxDelete:
                    await ExecuteInTransactionAsync($"DELETE FROM {Schema}.outbox WHERE id = $1", pending.Dequeue(), null);
                    break;
            }
        }
    }

    private async Task ExecuteInTransactionAsync(string sql, Guid id, string? body)
    {
        await using var connection = await database.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        command.Parameters.Add(new NpgsqlParameter { Value = id });
        if (body is not null)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = body });
        }

        await command.ExecuteNonQueryAsync();
        await transaction.CommitAsync();
    }
}

/// <summary>The baseline's per-saga step durations in milliseconds and the wall-clock time of the batch.</summary>
public sealed record BaselineBatch(IReadOnlyList<IReadOnlyDictionary<string, double>> Sagas, TimeSpan Elapsed);
