using System.Net;
using System.Text.Json.Nodes;
using k8s;
using k8s.Autorest;
using k8s.Models;
using Microsoft.Extensions.Options;

namespace Surge.Provisioner.Providers.Kubernetes;

/// <summary>
/// Runs instances as pods on Kubernetes clusters: each pod bound to the node Capacity chose, with the address Ipam gave
/// it through Calico's <c>ipAddrs</c> annotation, and followed with a watch until it is ready. Updates patch the main
/// container's image in place.
/// </summary>
public sealed partial class KubernetesDriver(
    KubernetesClusters clusters,
    KubernetesNodeDirectory directory,
    IOptions<KubernetesOptions> options,
    ILogger<KubernetesDriver> logger) : IInstanceProvider
{
    /// <inheritdoc />
    public async Task<string> StartAsync(InstanceLaunch launch, CancellationToken cancellationToken)
    {
        var cluster = await ClusterOfAsync(launch, reason => new InstanceStartException(reason), cancellationToken);
        var settings = options.Value;
        var sidecars = settings.Services.GetValueOrDefault(launch.Service)?.Sidecars ?? [];
        var pod = PodTemplate.Build(launch, sidecars, settings.ContainerPort);
        var client = clusters.Client(cluster);
        var @namespace = clusters.Namespace(cluster);
        try
        {
            await CreateAsync(client, @namespace, pod, launch, cancellationToken);
            LogCreated(logger, pod.Metadata.Name, launch.InstanceId, launch.Node, launch.Address, cluster);

            var ready = await WaitAsync(client, @namespace, pod.Metadata.Name, StartReadiness.Check, cancellationToken);
            if (ready.Status?.PodIP != launch.Address)
            {
                throw new InstanceStartException($"Pod {pod.Metadata.Name} got address {ready.Status?.PodIP} instead of {launch.Address}; check that Calico IPAM owns the address.");
            }

            LogReady(logger, pod.Metadata.Name, launch.InstanceId);
            return Endpoint(ready.Status.PodIP);
        }
        catch (Exception exception) when (Failure(exception, cancellationToken) is { } reason)
        {
            throw new InstanceStartException($"Pod {pod.Metadata.Name} of instance {launch.InstanceId} did not start: {reason}", exception);
        }
    }

    /// <inheritdoc />
    public async Task ReattachAsync(InstanceLaunch launch, string endpoint, CancellationToken cancellationToken)
    {
        var cluster = await ClusterOfAsync(launch, reason => new InstanceStartException(reason), cancellationToken);
        var name = PodTemplate.PodName(launch.Service, launch.InstanceId);
        try
        {
            await clusters.Client(cluster).CoreV1.ReadNamespacedPodAsync(name, clusters.Namespace(cluster), cancellationToken: cancellationToken);
        }
        catch (HttpOperationException exception) when (exception.Response?.StatusCode == HttpStatusCode.NotFound)
        {
            throw new InstanceStartException($"Pod {name} of instance {launch.InstanceId} no longer exists in cluster {cluster}.", exception);
        }
    }

    /// <inheritdoc />
    public Task StopAsync(Guid instanceId, CancellationToken cancellationToken) => TryStopAsync(instanceId, cancellationToken);

    /// <summary>Deletes the instance's pod wherever it runs; returns whether there was one.</summary>
    public async Task<bool> TryStopAsync(Guid instanceId, CancellationToken cancellationToken)
    {
        var found = false;
        foreach (var cluster in options.Value.Pools.Values.Distinct(StringComparer.Ordinal))
        {
            var client = clusters.Client(cluster);
            var @namespace = clusters.Namespace(cluster);
            try
            {
                var pods = await client.CoreV1.ListNamespacedPodAsync(@namespace, labelSelector: PodTemplate.InstanceSelector(instanceId), cancellationToken: cancellationToken);
                foreach (var pod in pods.Items)
                {
                    found = true;
                    await DeleteAsync(client, @namespace, pod.Metadata.Name, cancellationToken);
                    LogDeleted(logger, pod.Metadata.Name, instanceId, cluster);
                }
            }
            catch (Exception exception) when (exception is HttpOperationException or HttpRequestException)
            {
                throw new InstanceStopException($"Pods of instance {instanceId} in cluster {cluster} could not be deleted: {exception.Message}", exception);
            }
        }

        return found;
    }

    /// <inheritdoc />
    /// <remarks>
    /// Completion is read from what runs, not from the image string: see <see cref="UpdateCompletion"/>. A pod that
    /// already runs the launch's image and is ready is reported at once. The pod keeps its IP, so the endpoint it
    /// serves at comes from the pod, not from <paramref name="endpoint"/>.
    /// </remarks>
    public async Task<string> UpdateAsync(InstanceLaunch launch, string endpoint, CancellationToken cancellationToken)
    {
        var image = launch.Image;
        var cluster = await ClusterOfAsync(launch, reason => new InstanceUpdateException(reason), cancellationToken);
        var client = clusters.Client(cluster);
        var @namespace = clusters.Namespace(cluster);
        var name = PodTemplate.PodName(launch.Service, launch.InstanceId);
        try
        {
            var pod = await client.CoreV1.ReadNamespacedPodAsync(name, @namespace, cancellationToken: cancellationToken);
            if (pod.Spec.Containers.FirstOrDefault(container => container.Name == PodTemplate.MainContainer)?.Image == image
                && StartReadiness.Check(pod) == PodVerdict.Done)
            {
                return Endpoint(pod.Status.PodIP);
            }

            var baseline = ContainerBaseline.Of(pod);
            var patched = await client.CoreV1.PatchNamespacedPodAsync(new V1Patch(ImagePatch(image), V1Patch.PatchType.StrategicMergePatch), name, @namespace, cancellationToken: cancellationToken);
            var generation = patched.Metadata.Generation ?? 0;
            LogPatched(logger, name, launch.InstanceId, image, generation);

            var updated = await WaitAsync(client, @namespace, name, current => UpdateCompletion.Check(current, baseline, image, generation), cancellationToken);
            var status = UpdateCompletion.MainStatus(updated);
            LogUpdated(logger, name, launch.InstanceId, image, status?.ImageID, status?.RestartCount ?? 0);
            return Endpoint(updated.Status.PodIP);
        }
        catch (Exception exception) when (Failure(exception, cancellationToken) is { } reason)
        {
            throw new InstanceUpdateException($"Pod {name} of instance {launch.InstanceId} was not updated to {image}: {reason}", exception);
        }
    }

    /// <inheritdoc />
    /// <remarks>Pods belong to their cluster and keep running while the Provisioner restarts, so nothing is released.</remarks>
    public Task ReleaseAllAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private async Task<string> ClusterOfAsync(InstanceLaunch launch, Func<string, Exception> failure, CancellationToken cancellationToken)
    {
        string? cluster;
        try
        {
            cluster = await directory.ClusterOfAsync(launch.Node, cancellationToken);
        }
        catch (Exception exception) when (exception is HttpOperationException or HttpRequestException)
        {
            throw failure($"Listing the nodes of the Kubernetes clusters failed, so the cluster of node {launch.Node} is unknown: {exception.Message}. Check that the clusters under {KubernetesOptions.Section}:Clusters are reachable.");
        }

        return cluster ?? throw failure($"Node {launch.Node} is in no pool mapped to a Kubernetes cluster under {KubernetesOptions.Section}:Pools.");
    }

    private static async Task CreateAsync(IKubernetes client, string @namespace, V1Pod pod, InstanceLaunch launch, CancellationToken cancellationToken)
    {
        try
        {
            await client.CoreV1.CreateNamespacedPodAsync(pod, @namespace, cancellationToken: cancellationToken);
        }
        catch (HttpOperationException exception) when (exception.Response?.StatusCode == HttpStatusCode.Conflict)
        {
            // A start redelivered after a crash finds its own pod; a pod of another instance under the name is an error.
            var existing = await client.CoreV1.ReadNamespacedPodAsync(pod.Metadata.Name, @namespace, cancellationToken: cancellationToken);
            if (existing.Metadata.Labels is not { } labels || !labels.TryGetValue(PodTemplate.InstanceLabel, out var owner) || owner != launch.InstanceId.ToString())
            {
                throw new PodFailedException($"another pod named {pod.Metadata.Name} exists in namespace {@namespace}");
            }
        }
    }

    private static async Task DeleteAsync(IKubernetes client, string @namespace, string name, CancellationToken cancellationToken)
    {
        try
        {
            await client.CoreV1.DeleteNamespacedPodAsync(name, @namespace, cancellationToken: cancellationToken);
        }
        catch (HttpOperationException exception) when (exception.Response?.StatusCode == HttpStatusCode.NotFound)
        {
            // Already gone, which is what a stop wants.
        }
    }

    private async Task<V1Pod> WaitAsync(IKubernetes client, string @namespace, string name, Func<V1Pod, PodVerdict> check, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(settings.ReadyTimeout);
        try
        {
            return await new PodWatch(client, @namespace, name, settings.WatchIdleTimeout, logger).WaitAsync(check, deadline.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new PodFailedException($"not ready within {settings.ReadyTimeout} ({KubernetesOptions.Section}:ReadyTimeout)");
        }
    }

    // Maps the errors a start or update can meet to the reason the saga gets; anything else, cancellation included, passes.
    private static string? Failure(Exception exception, CancellationToken cancellationToken) => exception switch
    {
        InstanceStartException or InstanceUpdateException => null,
        PodFailedException failed => failed.Message,
        HttpOperationException http => $"the API server returned {(int?)http.Response?.StatusCode}: {http.Response?.Content}",
        HttpRequestException request => $"the API server could not be reached: {request.Message}",
        OperationCanceledException when !cancellationToken.IsCancellationRequested => exception.Message,
        _ => null,
    };

    private static string ImagePatch(string image) =>
        new JsonObject
        {
            ["metadata"] = new JsonObject { ["labels"] = new JsonObject { [PodTemplate.VersionLabel] = PodTemplate.Version(image) } },
            ["spec"] = new JsonObject { ["containers"] = new JsonArray(new JsonObject { ["name"] = PodTemplate.MainContainer, ["image"] = image }) },
        }.ToJsonString();

    private string Endpoint(string podIp) => $"http://{podIp}:{options.Value.ContainerPort}";

    [LoggerMessage(EventId = LogEventIds.KubernetesDriver + 1, Level = LogLevel.Information, Message = "Pod {Pod} of instance {InstanceId} created on node {Node} with address {Address} in cluster {Cluster}")]
    private static partial void LogCreated(ILogger logger, string pod, Guid instanceId, string node, string address, string cluster);

    [LoggerMessage(EventId = LogEventIds.KubernetesDriver + 2, Level = LogLevel.Information, Message = "Pod {Pod} of instance {InstanceId} is ready")]
    private static partial void LogReady(ILogger logger, string pod, Guid instanceId);

    [LoggerMessage(EventId = LogEventIds.KubernetesDriver + 3, Level = LogLevel.Information, Message = "Pod {Pod} of instance {InstanceId} deleted in cluster {Cluster}")]
    private static partial void LogDeleted(ILogger logger, string pod, Guid instanceId, string cluster);

    [LoggerMessage(EventId = LogEventIds.KubernetesDriver + 4, Level = LogLevel.Information, Message = "Pod {Pod} of instance {InstanceId} patched to image {Image} at generation {Generation}")]
    private static partial void LogPatched(ILogger logger, string pod, Guid instanceId, string image, long generation);

    [LoggerMessage(EventId = LogEventIds.KubernetesDriver + 5, Level = LogLevel.Information, Message = "Pod {Pod} of instance {InstanceId} runs {Image} as {ImageId} after {RestartCount} restarts, and is ready")]
    private static partial void LogUpdated(ILogger logger, string pod, Guid instanceId, string image, string? imageId, int restartCount);
}
