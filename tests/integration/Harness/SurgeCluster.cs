using System.Diagnostics;
using Npgsql;

namespace Surge.IntegrationTests.Harness;

/// <summary>
/// All six Surge services running as separate processes against real PostgreSQL and RabbitMQ, in a fresh database
/// and, where the test script allows, a fresh RabbitMQ virtual host, on free loopback ports.
/// </summary>
public class SurgeCluster : IAsyncLifetime
{
    private static readonly string[] Participants = ["capacity", "ipam", "provisioner", "rollout", "loadbalancer"];
    /// <summary>How long a service may take to become ready.</summary>
    public static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(120);

    private readonly string database = $"surge_it_{Guid.NewGuid():N}"[..24];
    private readonly string virtualHost = $"surge-it-{Guid.NewGuid():N}"[..20];
    private readonly Dictionary<string, ServiceProcess> services = [];
    private readonly List<ServiceProcess> replicas = [];
    private TestInfrastructure? infrastructure;
    private bool ownVirtualHost;

    /// <summary>The API key of each role the gateway accepts in tests, by role name.</summary>
    public IReadOnlyDictionary<string, string> ApiKeys { get; } = new[] { "admin", "operator", "viewer", "alerting" }
        .ToDictionary(role => role, _ => Convert.ToHexString(Guid.NewGuid().ToByteArray()) + Convert.ToHexString(Guid.NewGuid().ToByteArray()));

    /// <summary>The gateway, the only public entry, called with the admin key.</summary>
    public HttpClient Gateway { get; private set; } = new();

    /// <summary>The base URL of the load balancer's data plane.</summary>
    public string DataPlaneUrl { get; private set; } = "";

    /// <summary>The folder that contains each service's log.</summary>
    public string LogDirectory { get; } = Directory.CreateTempSubdirectory("surge-it-").FullName;

    /// <summary>The connection string of the cluster's own database, for tests that read what a service stored.</summary>
    public string Postgres { get; private set; } = "";

    /// <summary>Returns a running service by name.</summary>
    public ServiceProcess Service(string name) => services[name];

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        infrastructure = await TestInfrastructure.StartAsync();
        var postgres = await CreateDatabaseAsync(infrastructure.PostgresAdmin);
        Postgres = postgres;
        var rabbitMq = await CreateVirtualHostAsync(infrastructure.RabbitMq);

        var ports = Participants.Append("gateway").ToDictionary(name => name, _ => FreePorts.Next());
        DataPlaneUrl = $"http://127.0.0.1:{FreePorts.Next()}";
        foreach (var name in ports.Keys)
        {
            services[name] = new ServiceProcess(name, AssemblyPath(name), ports[name], Environment(name, postgres, rabbitMq, ports), LogDirectory);
        }

        await Task.WhenAll(Participants.Select(name => services[name].StartAsync(StartTimeout)));
        await services["gateway"].StartAsync(StartTimeout);
        Gateway = CreateGatewayClient(ApiKeys["admin"]);
    }

    /// <summary>Returns a gateway client that sends <paramref name="apiKey"/> as a bearer token, or no key when null.</summary>
    public HttpClient CreateGatewayClient(string? apiKey)
    {
        var client = new HttpClient { BaseAddress = new Uri(services["gateway"].BaseUrl), Timeout = TimeSpan.FromSeconds(30) };
        if (apiKey is not null)
        {
            client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", apiKey);
        }

        return client;
    }

    /// <summary>
    /// Starts a second process of a service on another port, with the same database and queue, as a production
    /// deployment runs several replicas. The cluster stops it when it is disposed.
    /// </summary>
    public async Task<ServiceProcess> StartReplicaAsync(string name)
    {
        var primary = services[name];
        var replica = new ServiceProcess($"{name}-replica-{replicas.Count + 1}", primary.AssemblyPath, FreePorts.Next(), primary.Environment, LogDirectory);
        replicas.Add(replica);
        await replica.StartAsync(StartTimeout);
        return replica;
    }

    /// <summary>
    /// Waits until every running service and replica reports <c>Healthy</c> on <c>/health/ready</c>, which includes
    /// MassTransit's bus check: after a broker outage each receive endpoint reconnects on its own backoff (up to 30
    /// seconds apart), and a test that starts before they all have would see messages wait or placements miss a report.
    /// </summary>
    public async Task WaitUntilHealthyAsync(TimeSpan timeout)
    {
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var running = services.Values.Concat(replicas).Where(service => !service.HasExited).ToList();
        var deadline = DateTime.UtcNow + timeout;
        var unhealthy = running.Select(service => service.Name).ToList();
        while (DateTime.UtcNow < deadline)
        {
            var states = await Task.WhenAll(running.Select(async service => (service.Name, Healthy: await IsHealthyAsync(client, service))));
            unhealthy = states.Where(state => !state.Healthy).Select(state => state.Name).ToList();
            if (unhealthy.Count == 0)
            {
                return;
            }

            await Task.Delay(250);
        }

        throw new TimeoutException($"Not healthy after {timeout.TotalSeconds} s: {string.Join(", ", unhealthy)}.\n{Logs()}");
    }

    /// <summary>Returns every service's log tail, to attach to a failure.</summary>
    public string Logs() => string.Join("\n\n", services.Values.Select(s => $"===== {s.Name} =====\n{s.LogTail(25)}"));

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        Gateway.Dispose();
        await Task.WhenAll(services.Values.Concat(replicas).Select(service => service.DisposeAsync().AsTask()));
        if (infrastructure is not null)
        {
            await DropDatabaseAsync(infrastructure.PostgresAdmin);
            DeleteVirtualHost();
            await infrastructure.DisposeAsync();
        }
    }

    private static async Task<bool> IsHealthyAsync(HttpClient client, ServiceProcess service)
    {
        try
        {
            using var response = await client.GetAsync($"{service.BaseUrl}/health/ready");
            return response.IsSuccessStatusCode && await response.Content.ReadAsStringAsync() == "Healthy";
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
        {
            return false;
        }
    }

    private Dictionary<string, string> Environment(string name, string postgres, string rabbitMq, Dictionary<string, int> ports)
    {
        var environment = new Dictionary<string, string>
        {
            ["ConnectionStrings__Postgres"] = postgres,
            ["ConnectionStrings__RabbitMq"] = rabbitMq,
            ["Surge__ServiceName"] = name,
            ["Outbox__RelayInterval"] = "00:00:01",

            // The prefix keeps this cluster's exchanges and queues apart where the virtual host is shared.
            ["Messaging__EntityPrefix"] = EntityPrefix,
            ["DOTNET_ENVIRONMENT"] = "Production",
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
        };

        foreach (var (key, value) in Overrides(name))
        {
            environment[key] = value;
        }

        switch (name)
        {
            case "gateway":
                // The tests poll sagas many times a second; the production limit would answer them with 429.
                environment["Gateway__RateLimitPermits"] = "1000000";
                var index = 0;
                foreach (var (role, key) in ApiKeys)
                {
                    environment[$"Gateway__Authentication__ApiKeys__{index}__Name"] = $"tests-{role}";
                    environment[$"Gateway__Authentication__ApiKeys__{index}__Key"] = key;
                    environment[$"Gateway__Authentication__ApiKeys__{index}__Role"] = role;
                    index++;
                }

                foreach (var participant in Participants)
                {
                    var key = participant == "loadbalancer" ? "LoadBalancer" : char.ToUpperInvariant(participant[0]) + participant[1..];
                    environment[$"Gateway__Services__{key}"] = $"http://127.0.0.1:{ports[participant]}";
                }

                break;
            case "loadbalancer":
                environment["LoadBalancer__DataPlaneUrl"] = DataPlaneUrl;
                break;
            case "provisioner":
                // Reference latencies (three minutes to start a service) scaled down to a fraction of a second.
                environment["SimulatedDataCentre__TimeScale"] = "0.001";
                environment["SimulatedDataCentre__InstancePort"] = "0";
                break;
        }

        return environment;
    }

    /// <summary>Settings a derived cluster adds to one service's environment, such as shorter deadlines.</summary>
    protected virtual IReadOnlyDictionary<string, string> Overrides(string service) => new Dictionary<string, string>();

    /// <summary>The RabbitMQ virtual host this cluster's services use, when the test script allowed creating one.</summary>
    public string? OwnVirtualHost => ownVirtualHost ? virtualHost : null;

    /// <summary>The prefix of this cluster's exchanges and queues.</summary>
    public string EntityPrefix => $"{virtualHost}.";

    private static string AssemblyPath(string name)
    {
        var project = name == "loadbalancer" ? "LoadBalancer" : char.ToUpperInvariant(name[0]) + name[1..];
        var configuration = new DirectoryInfo(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory)).Parent!.Name;
        var path = Path.Combine(RepositoryRoot(), "services", project, "bin", configuration, "net10.0", $"Surge.{project}.dll");
        return File.Exists(path)
            ? path
            : throw new FileNotFoundException($"Service {project} is not built at {path}. Build the solution first (dotnet build Surge.slnx -c {configuration}).", path);
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Surge.slnx")))
            {
                return directory.FullName;
            }
        }

        throw new DirectoryNotFoundException($"No Surge.slnx above {AppContext.BaseDirectory}.");
    }

    private async Task<string> CreateDatabaseAsync(string admin)
    {
        await using var connection = new NpgsqlConnection(admin);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"CREATE DATABASE \"{database}\"", connection);
        await command.ExecuteNonQueryAsync();
        return new NpgsqlConnectionStringBuilder(admin) { Database = database, MaxPoolSize = 40 }.ConnectionString;
    }

    private async Task DropDatabaseAsync(string admin)
    {
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(admin);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)", connection);
        await command.ExecuteNonQueryAsync();
    }

    // A virtual host per cluster keeps queues of an earlier, aborted run from feeding this one. Only possible where
    // the test script gives a rabbitmqctl for the broker it started; otherwise the given virtual host is used as is.
    private async Task<string> CreateVirtualHostAsync(string uri)
    {
        var control = System.Environment.GetEnvironmentVariable("SURGE_TEST_RABBITMQCTL");
        if (string.IsNullOrEmpty(control))
        {
            return uri;
        }

        await RunAsync(control, "add_vhost", virtualHost);
        await RunAsync(control, "set_permissions", "-p", virtualHost, "guest", ".*", ".*", ".*");
        ownVirtualHost = true;
        var builder = new UriBuilder(uri) { Path = "/" + Uri.EscapeDataString(virtualHost) };
        return builder.Uri.ToString();
    }

    private void DeleteVirtualHost()
    {
        var control = System.Environment.GetEnvironmentVariable("SURGE_TEST_RABBITMQCTL");
        if (ownVirtualHost && !string.IsNullOrEmpty(control))
        {
            RunAsync(control, "delete_vhost", virtualHost).GetAwaiter().GetResult();
        }
    }

    private static async Task RunAsync(string command, params string[] arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(command, arguments) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{command} {string.Join(' ', arguments)} failed with exit code {process.ExitCode}: {error}");
        }
    }
}
