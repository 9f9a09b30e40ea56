using System.Net.Http.Headers;
using Surge.IntegrationTests.Harness;

namespace Surge.Benchmarks.Cluster;

/// <summary>
/// All six Surge services as separate processes against a fresh PostgreSQL database and RabbitMQ virtual host, on free
/// loopback ports, with the simulated data centre at zero start latency and the gateway's rate limit lifted.
/// </summary>
public sealed class SurgeCluster : IAsyncDisposable
{
    private static readonly string[] Participants = ["capacity", "ipam", "provisioner", "rollout", "loadbalancer"];
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(120);

    private readonly BenchmarkSettings settings;
    private readonly Dictionary<string, ServiceProcess> services = [];
    private readonly string control;
    private bool databaseCreated;
    private bool virtualHostCreated;

    private SurgeCluster(BenchmarkSettings settings)
    {
        this.settings = settings;
        control = settings.RabbitMqControl ?? Path.Combine(Repository.Root, ".surge", "bin", "rabbitmqctl");
    }

    /// <summary>The run's database name.</summary>
    public string Database { get; } = $"surge_bench_{Guid.NewGuid():N}"[..24];

    /// <summary>The run's RabbitMQ virtual host.</summary>
    public string VirtualHost { get; } = $"surge-bench-{Guid.NewGuid():N}"[..24];

    /// <summary>The connection string of the run's database.</summary>
    public string Postgres { get; private set; } = "";

    /// <summary>The broker URI of the run's virtual host.</summary>
    public string RabbitMqUri { get; private set; } = "";

    /// <summary>The load balancer's data plane, which forwards <c>{DataPlaneUrl}/{service}/...</c> to the service's backends.</summary>
    public string DataPlaneUrl { get; private set; } = "";

    /// <summary>The folder that holds each service's log.</summary>
    public string LogDirectory { get; } = Directory.CreateTempSubdirectory("surge-bench-").FullName;

    /// <summary>The admin API key the gateway accepts from the benchmark.</summary>
    public string AdminKey { get; } = Convert.ToHexString(Guid.NewGuid().ToByteArray()) + Convert.ToHexString(Guid.NewGuid().ToByteArray());

    /// <summary>The running services by name.</summary>
    public IReadOnlyDictionary<string, ServiceProcess> Services => services;

    /// <summary>Creates the database and virtual host and starts the participants, then the gateway.</summary>
    public static async Task<SurgeCluster> StartAsync(BenchmarkSettings settings)
    {
        var cluster = new SurgeCluster(settings);
        try
        {
            await cluster.InitializeAsync();
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    /// <summary>Returns a client for the gateway that sends the admin key.</summary>
    public HttpClient CreateGatewayClient()
    {
        var client = new HttpClient { BaseAddress = new Uri(services["gateway"].BaseUrl), Timeout = TimeSpan.FromSeconds(60) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", AdminKey);
        return client;
    }

    /// <summary>Stops every service and removes the database and the virtual host.</summary>
    public async ValueTask DisposeAsync()
    {
        await StopServicesAsync();
        if (databaseCreated)
        {
            await Infrastructure.DropDatabaseAsync(settings.PostgresAdmin, Database);
        }

        if (virtualHostCreated)
        {
            await Infrastructure.DeleteVirtualHostAsync(control, VirtualHost);
        }

        if (!settings.KeepLogs)
        {
            Directory.Delete(LogDirectory, recursive: true);
        }
    }

    /// <summary>Stops every service, gracefully first.</summary>
    public async Task StopServicesAsync()
    {
        await Task.WhenAll(services.Values.Select(service => service.DisposeAsync().AsTask()));
        services.Clear();
    }

    private async Task InitializeAsync()
    {
        Postgres = await Infrastructure.CreateDatabaseAsync(settings.PostgresAdmin, Database, maxPoolSize: 40);
        databaseCreated = true;
        RabbitMqUri = await Infrastructure.CreateVirtualHostAsync(control, settings.RabbitMq, VirtualHost);
        virtualHostCreated = true;

        var ports = Participants.Append("gateway").ToDictionary(name => name, _ => FreePorts.Next());
        var dataPlaneUrl = $"http://127.0.0.1:{FreePorts.Next()}";
        DataPlaneUrl = dataPlaneUrl;
        foreach (var (name, port) in ports)
        {
            var environment = ServiceEnvironment.For(name, Postgres, RabbitMqUri, ports, dataPlaneUrl, AdminKey, settings.SimulatedTimeScale);
            services[name] = new ServiceProcess(name, AssemblyPath(name), port, environment, LogDirectory);
        }

        await Task.WhenAll(Participants.Select(name => services[name].StartAsync(StartTimeout)));
        await services["gateway"].StartAsync(StartTimeout);
    }

    private string AssemblyPath(string name)
    {
        var project = ServiceEnvironment.ProjectName(name);
        var path = Path.Combine(Repository.Root, "services", project, "bin", settings.Configuration, "net10.0", $"Surge.{project}.dll");
        return File.Exists(path)
            ? path
            : throw new FileNotFoundException(
                $"Service {project} is not built at {path}. Build the services first: dotnet build Surge.slnx -c {settings.Configuration}", path);
    }
}
