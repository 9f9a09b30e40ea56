namespace Surge.Provisioner.Providers;

/// <summary>Runs instances on some infrastructure. The Provisioner records what the provider reports as events.</summary>
public interface IInstanceProvider
{
    /// <summary>
    /// Starts the instance and returns the URL it serves HTTP at once it is ready. Throws
    /// <see cref="InstanceStartException"/> when the instance cannot be started.
    /// </summary>
    Task<string> StartAsync(InstanceLaunch launch, CancellationToken cancellationToken);

    /// <summary>
    /// Takes back an instance that was started before this process restarted, at the endpoint it reported then. Throws
    /// <see cref="InstanceStartException"/> when the instance cannot be served there any more.
    /// </summary>
    Task ReattachAsync(InstanceLaunch launch, string endpoint, CancellationToken cancellationToken);

    /// <summary>
    /// Stops and removes the instance. An instance the provider does not run is ignored. Throws
    /// <see cref="InstanceStopException"/> when the instance cannot be stopped.
    /// </summary>
    Task StopAsync(Guid instanceId, CancellationToken cancellationToken);

    /// <summary>
    /// Updates the instance in place to <paramref name="image"/>: same node, same address, and returns the URL it serves
    /// HTTP at once it is ready again. Throws <see cref="InstanceUpdateException"/> when it cannot be updated.
    /// </summary>
    /// <remarks>A provider that cannot update in place keeps this default, which fails every update with the reason.</remarks>
    Task<string> UpdateAsync(InstanceLaunch launch, string image, CancellationToken cancellationToken) =>
        throw new InstanceUpdateException($"The provider of instance {launch.InstanceId} on node {launch.Node} does not update instances in place.");

    /// <summary>Releases what this process holds for its instances when the process shuts down, without recording them as stopped.</summary>
    Task ReleaseAllAsync(CancellationToken cancellationToken);
}
