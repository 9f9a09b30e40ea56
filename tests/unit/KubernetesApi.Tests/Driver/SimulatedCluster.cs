using System.Net.Http.Json;
using k8s;
using k8s.Models;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Surge.Provisioner.Providers;
using Surge.Provisioner.Providers.Kubernetes;
using Surge.Provisioner.Simulation;
using Surge.Simulators.KubernetesApi;
using Surge.Simulators.KubernetesApi.Store;

namespace Surge.KubernetesApi.Tests.Driver;

/// <summary>The simulator hosted in the test process on a loopback port, with a kubeconfig that points at it.</summary>
internal sealed class SimulatedCluster : IAsyncDisposable
{
    public const string ClusterName = "sim";
    public const string Pool = "feed-pool";
    public const string Namespace = "surge";

    private readonly WebApplication app;
    private readonly string directory;
    private readonly HttpClient http;

    private SimulatedCluster(WebApplication app, string baseAddress)
    {
        this.app = app;
        directory = Directory.CreateTempSubdirectory("surge-k8s-").FullName;
        KubeconfigPath = Path.Combine(directory, "kubeconfig");
        File.WriteAllText(KubeconfigPath, $"""
            apiVersion: v1
            kind: Config
            clusters:
            - name: {ClusterName}
              cluster:
                server: {baseAddress}
            contexts:
            - name: {ClusterName}
              context:
                cluster: {ClusterName}
                user: tester
            current-context: {ClusterName}
            users:
            - name: tester
              user:
                token: any-token-the-simulator-ignores
            """);
        http = new HttpClient { BaseAddress = new Uri(baseAddress) };
        Client = new k8s.Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(KubeconfigPath));
    }

    public string KubeconfigPath { get; }

    public IKubernetes Client { get; }

    /// <summary>Starts a simulator with fast kubelet delays, overridden by <paramref name="settings"/>.</summary>
    public static async Task<SimulatedCluster> StartAsync(IReadOnlyDictionary<string, string?>? settings = null)
    {
        var merged = new Dictionary<string, string?>
        {
            ["Urls"] = "http://127.0.0.1:0",
            ["Logging:LogLevel:Default"] = "Warning",
            ["KubernetesApi:Kubelet:SandboxDelay"] = "00:00:00.050",
            ["KubernetesApi:Kubelet:PullDelay"] = "00:00:00.100",
            ["KubernetesApi:Kubelet:ReadinessDelay"] = "00:00:00.050",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            merged[key] = value;
        }

        var app = SimulatorApp.Create([], merged);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        var cluster = new SimulatedCluster(app, address);
        await cluster.Client.CoreV1.CreateNodeAsync(new V1Node
        {
            Metadata = new V1ObjectMeta { Name = "node-1", Labels = new Dictionary<string, string> { ["surge.io/pool"] = Pool } },
            Status = new V1NodeStatus { Addresses = [new V1NodeAddress { Type = "InternalIP", Address = "192.168.1.20" }] },
        });
        await cluster.Client.CoreV1.CreateNodeAsync(new V1Node { Metadata = new V1ObjectMeta { Name = "node-elsewhere" } });
        return cluster;
    }

    /// <summary>Returns a driver for this cluster, with options changed by <paramref name="configure"/>.</summary>
    public KubernetesDriver Driver(Action<KubernetesOptions>? configure = null) => Parts(configure).Driver;

    /// <summary>Returns the router over a simulated data centre and a driver for this cluster.</summary>
    public InstanceProviderRouter Router()
    {
        var (driver, directory) = Parts(null);
        var options = new SimulatedDataCentreOptions { InstancePort = 0, TimeScale = 0.0001 };
        var simulated = new SimulatedDataCentre(Options.Create(options), SimulatedDataCentreFaults.CreatePlan(options), TimeProvider.System, NullLogger<SimulatedDataCentre>.Instance);
        return new InstanceProviderRouter(simulated, driver, directory, NullLogger<InstanceProviderRouter>.Instance);
    }

    private (KubernetesDriver Driver, KubernetesNodeDirectory Directory) Parts(Action<KubernetesOptions>? configure)
    {
        var options = new KubernetesOptions
        {
            Clusters = { [ClusterName] = new KubernetesClusterOptions { KubeconfigPath = KubeconfigPath, Namespace = Namespace } },
            Pools = { [Pool] = ClusterName },
            ReadyTimeout = TimeSpan.FromSeconds(10),
            WatchIdleTimeout = TimeSpan.FromSeconds(30),
        };
        configure?.Invoke(options);
        var wrapped = Options.Create(options);
        var clusters = new KubernetesClusters(wrapped);
        var directory = new KubernetesNodeDirectory(clusters, wrapped);
        return (new KubernetesDriver(clusters, directory, wrapped, NullLogger<KubernetesDriver>.Instance), directory);
    }

    public async Task<SimulatorState> StateAsync() =>
        (await http.GetFromJsonAsync<SimulatorState>("/simulator/state"))!;

    /// <summary>Silences the open watches and returns how many there were.</summary>
    public async Task<int> SilenceWatchesAsync()
    {
        var response = (await http.PostAsync("/simulator/watches/silence", null)).EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<SilenceAnswer>())!.Silenced;
    }

    public async Task ExpireAllAsync(bool closeWatches) =>
        (await http.PostAsync($"/simulator/resource-versions/expire?closeWatches={closeWatches.ToString().ToLowerInvariant()}", null)).EnsureSuccessStatusCode();

    /// <summary>Waits until the driver has at least <paramref name="count"/> watches open.</summary>
    public async Task WaitForWatchesAsync(int count)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while ((await StateAsync()).OpenWatches < count)
        {
            Assert.True(DateTime.UtcNow < deadline, $"the driver did not open {count} watches");
            await Task.Delay(20);
        }
    }

    private sealed record SilenceAnswer(int Silenced);

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        http.Dispose();
        await app.StopAsync();
        await app.DisposeAsync();
        Directory.Delete(directory, recursive: true);
    }
}
