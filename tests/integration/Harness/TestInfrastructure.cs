using DotNet.Testcontainers.Containers;
using Testcontainers.PostgreSql;
using Testcontainers.RabbitMq;

namespace Surge.IntegrationTests.Harness;

/// <summary>
/// The real PostgreSQL and RabbitMQ the services run against: the ones <c>./surge test</c> started (given by
/// <c>SURGE_TEST_POSTGRES</c> and <c>SURGE_TEST_RABBITMQ</c>), or containers when no such variables are set and a
/// Docker engine answers.
/// </summary>
public sealed class TestInfrastructure : IAsyncDisposable
{
    private readonly List<IContainer> containers = [];

    private TestInfrastructure(string postgres, string rabbitMq)
    {
        PostgresAdmin = postgres;
        RabbitMq = rabbitMq;
    }

    /// <summary>A connection string to a database from which test databases are created.</summary>
    public string PostgresAdmin { get; }

    /// <summary>The AMQP URI the services connect to.</summary>
    public string RabbitMq { get; }

    /// <summary>Uses the servers named by the environment, or starts containers.</summary>
    public static async Task<TestInfrastructure> StartAsync()
    {
        var postgres = Environment.GetEnvironmentVariable("SURGE_TEST_POSTGRES");
        var rabbitMq = Environment.GetEnvironmentVariable("SURGE_TEST_RABBITMQ");
        if (!string.IsNullOrEmpty(postgres) && !string.IsNullOrEmpty(rabbitMq))
        {
            return new TestInfrastructure(postgres, rabbitMq);
        }

        try
        {
            return await StartContainersAsync();
        }
        catch (Exception exception)
        {
            throw new InvalidOperationException(
                "The integration tests need PostgreSQL and RabbitMQ. Run them with ./surge test, which starts both on loopback, "
                + "or set SURGE_TEST_POSTGRES and SURGE_TEST_RABBITMQ, or provide a Docker engine for Testcontainers. "
                + $"Starting containers failed: {exception.Message}",
                exception);
        }
    }

    private static async Task<TestInfrastructure> StartContainersAsync()
    {
        var postgres = new PostgreSqlBuilder("postgres:15-alpine").WithCommand("-c", "max_connections=300").Build();
        var rabbitMq = new RabbitMqBuilder("rabbitmq:3.13-alpine").Build();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await Task.WhenAll(postgres.StartAsync(timeout.Token), rabbitMq.StartAsync(timeout.Token));

        var infrastructure = new TestInfrastructure(postgres.GetConnectionString(), rabbitMq.GetConnectionString());
        infrastructure.containers.AddRange([postgres, rabbitMq]);
        return infrastructure;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        foreach (var container in containers)
        {
            await container.DisposeAsync();
        }
    }
}
