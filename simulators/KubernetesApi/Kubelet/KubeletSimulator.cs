using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using Microsoft.Extensions.Options;
using Surge.Simulators.KubernetesApi.Options;
using Surge.Simulators.KubernetesApi.Store;

namespace Surge.Simulators.KubernetesApi.Kubelet;

/// <summary>
/// The kubelets of every simulated node: each pod bound to an existing node gets a worker that walks it through
/// <see cref="KubeletStateMachine"/> with the configured delays and writes its status. Pods without <c>spec.nodeName</c>,
/// or bound to a node that does not exist, stay Pending, because the simulator has no scheduler.
/// </summary>
public sealed partial class KubeletSimulator(ClusterStore store, IOptions<SimulatorOptions> options, TimeProvider time, ILogger<KubeletSimulator> logger) : BackgroundService
{
    private readonly ConcurrentDictionary<ResourceKey, PodWorker> workers = new();
    private int addressSequence;

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var change in store.PodChanges.ReadAllAsync(stoppingToken))
        {
            if (change.Type == "DELETED")
            {
                if (workers.TryRemove(change.Key, out var ended))
                {
                    ended.Specs.Writer.TryComplete();
                }

                continue;
            }

            // The kubelet's own status writes come back here too; only a new spec generation concerns the worker.
            if (workers.TryGetValue(change.Key, out var worker))
            {
                if (Generation(change.Object) > worker.Generation)
                {
                    worker.Generation = Generation(change.Object);
                    worker.Specs.Writer.TryWrite(change.Object);
                }

                continue;
            }

            if (change.Object["spec"]?["nodeName"]?.GetValue<string>() is { } node && store.Get(new ResourceKey(ResourceKind.Nodes, null, node)) is { } nodeObject)
            {
                var started = new PodWorker(Generation(change.Object));
                workers[change.Key] = started;
                _ = Task.Run(() => RunPodAsync(change.Key, change.Object, HostIp(nodeObject), started.Specs.Reader, stoppingToken), stoppingToken);
            }
        }
    }

    private async Task RunPodAsync(ResourceKey key, JsonObject pod, string? hostIp, ChannelReader<JsonObject> specs, CancellationToken stoppingToken)
    {
        var settings = options.Value;
        string podIp;
        try
        {
            podIp = PodStatusRenderer.RequestedAddress(pod) ?? PodStatusRenderer.AllocatedAddress(Interlocked.Increment(ref addressSequence));
        }
        catch (FormatException exception)
        {
            LogBadAddress(logger, key.Namespace, key.Name, exception.Message);
            return;
        }

        var runtime = KubeletStateMachine.Admit(Containers(pod), Generation(pod), settings.DigestOf, time.GetUtcNow());
        try
        {
            while (Write(key, runtime, podIp, hostIp))
            {
                var step = KubeletStateMachine.Next(runtime);
                using var wait = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
                if (step is { } pending)
                {
                    wait.CancelAfter(Delay(settings.Kubelet, pending));
                }

                try
                {
                    var changed = await specs.ReadAsync(wait.Token);
                    if (Generation(changed) > runtime.ObservedGeneration)
                    {
                        runtime = KubeletStateMachine.ChangeSpec(runtime, Containers(changed), Generation(changed), settings.DigestOf, settings.Kubelet.RestartOnSameDigest);
                    }
                }
                catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested && step is not null)
                {
                    runtime = KubeletStateMachine.Apply(runtime, step.Value, NewContainerId, time.GetUtcNow());
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The simulator is stopping.
        }
        catch (ChannelClosedException)
        {
            // The pod was deleted.
        }
        catch (Exception exception)
        {
            LogWorkerFailed(logger, exception, key.Namespace, key.Name);
        }
    }

    private bool Write(ResourceKey key, PodRuntime runtime, string podIp, string? hostIp) =>
        store.Update(key, current => PodStatusRenderer.Render(current, runtime, podIp, hostIp, time.GetUtcNow())) is not null;

    private static TimeSpan Delay(KubeletOptions kubelet, KubeletStep step) => step switch
    {
        KubeletStep.CreateSandbox => kubelet.SandboxDelay,
        KubeletStep.StartContainers => kubelet.PullDelay,
        _ => kubelet.ReadinessDelay,
    };

    private static List<ContainerSpec> Containers(JsonObject pod) =>
        [.. (pod["spec"]?["containers"] as JsonArray ?? []).OfType<JsonObject>().Select(container => new ContainerSpec(container["name"]!.GetValue<string>(), container["image"]!.GetValue<string>()))];

    private static long Generation(JsonObject pod) => pod["metadata"]?["generation"]?.GetValue<long>() ?? 1;

    private static string? HostIp(JsonObject node) =>
        (node["status"]?["addresses"] as JsonArray ?? []).OfType<JsonObject>()
            .FirstOrDefault(address => address["type"]?.GetValue<string>() == "InternalIP")?["address"]?.GetValue<string>();

    private static string NewContainerId() => "docker://" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));

    [LoggerMessage(EventId = 2, Level = LogLevel.Error, Message = "The kubelet of pod {Namespace}/{Name} stopped")]
    private static partial void LogWorkerFailed(ILogger logger, Exception exception, string? @namespace, string name);

    private sealed class PodWorker(long generation)
    {
        public Channel<JsonObject> Specs { get; } = Channel.CreateUnbounded<JsonObject>();

        public long Generation { get; set; } = generation;
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Warning, Message = "Pod {Namespace}/{Name} is not started: {Reason}")]
    private static partial void LogBadAddress(ILogger logger, string? @namespace, string name, string reason);
}
