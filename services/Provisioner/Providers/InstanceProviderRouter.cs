using System.Collections.Concurrent;
using Surge.Provisioner.Providers.Kubernetes;
using Surge.Provisioner.Simulation;

namespace Surge.Provisioner.Providers;

/// <summary>
/// The provider the Provisioner calls: it sends an instance on a node of a pool mapped to a Kubernetes cluster to the
/// Kubernetes driver, and every other instance to the simulated data centre.
/// </summary>
/// <remarks>
/// An instance carries its node, not its pool, so the node is looked up in <see cref="KubernetesNodeDirectory"/>. A stop
/// carries only the instance id: it goes where this process started or took back the instance, and otherwise first to
/// the Kubernetes clusters, then to the simulated data centre when no pod was found.
/// </remarks>
public sealed partial class InstanceProviderRouter(
    SimulatedDataCentre simulated,
    KubernetesDriver kubernetes,
    KubernetesNodeDirectory directory,
    ILogger<InstanceProviderRouter> logger) : IInstanceProvider
{
    private readonly ConcurrentDictionary<Guid, IInstanceProvider> providers = new();

    /// <inheritdoc />
    public async Task<string> StartAsync(InstanceLaunch launch, CancellationToken cancellationToken)
    {
        var provider = await ChooseAsync(launch, reason => new InstanceStartException(reason), cancellationToken);
        providers[launch.InstanceId] = provider;
        return await provider.StartAsync(launch, cancellationToken);
    }

    /// <inheritdoc />
    public async Task ReattachAsync(InstanceLaunch launch, string endpoint, CancellationToken cancellationToken)
    {
        var provider = await ChooseAsync(launch, reason => new InstanceStartException(reason), cancellationToken);
        providers[launch.InstanceId] = provider;
        await provider.ReattachAsync(launch, endpoint, cancellationToken);
    }

    /// <inheritdoc />
    public async Task StopAsync(Guid instanceId, CancellationToken cancellationToken)
    {
        if (providers.TryGetValue(instanceId, out var provider))
        {
            await provider.StopAsync(instanceId, cancellationToken);
        }
        else if (!directory.Enabled || !await kubernetes.TryStopAsync(instanceId, cancellationToken))
        {
            await simulated.StopAsync(instanceId, cancellationToken);
        }

        providers.TryRemove(instanceId, out _);
    }

    /// <inheritdoc />
    public async Task<string> UpdateAsync(InstanceLaunch launch, string endpoint, CancellationToken cancellationToken)
    {
        var provider = await ChooseAsync(launch, reason => new InstanceUpdateException(reason), cancellationToken);
        return await provider.UpdateAsync(launch, endpoint, cancellationToken);
    }

    /// <inheritdoc />
    public async Task ReleaseAllAsync(CancellationToken cancellationToken)
    {
        await simulated.ReleaseAllAsync(cancellationToken);
        await kubernetes.ReleaseAllAsync(cancellationToken);
        providers.Clear();
    }

    private async Task<IInstanceProvider> ChooseAsync(InstanceLaunch launch, Func<string, Exception> failure, CancellationToken cancellationToken)
    {
        string? cluster;
        try
        {
            cluster = await directory.ClusterOfAsync(launch.Node, cancellationToken);
        }
        catch (Exception exception) when (exception is k8s.Autorest.HttpOperationException or HttpRequestException)
        {
            // Not knowing whether the node is on Kubernetes, starting it on the simulated data centre could run it twice.
            throw failure($"Whether node {launch.Node} runs on Kubernetes is unknown, because listing the nodes of a cluster failed: {exception.Message}");
        }

        if (cluster is null)
        {
            return simulated;
        }

        LogRouted(logger, launch.InstanceId, launch.Node, cluster);
        return kubernetes;
    }

    [LoggerMessage(EventId = LogEventIds.InstanceProviderRouter + 1, Level = LogLevel.Debug, Message = "Instance {InstanceId} on node {Node} goes to Kubernetes cluster {Cluster}")]
    private static partial void LogRouted(ILogger logger, Guid instanceId, string node, string cluster);
}
