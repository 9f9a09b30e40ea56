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
    /// Updates a running instance in place: restarts it on <see cref="InstanceLaunch.Node"/> with
    /// <see cref="InstanceLaunch.Address"/> and the new <see cref="InstanceLaunch.Image"/>, and returns the URL it serves
    /// HTTP at once it is ready again, which should stay <paramref name="endpoint"/>. An instance that this process does
    /// not run (it restarted during the update) is started with the new image at <paramref name="endpoint"/>. Throws
    /// <see cref="InstanceUpdateException"/> when the update fails; the instance then keeps its previous image.
    /// </summary>
    Task<string> UpdateAsync(InstanceLaunch launch, string endpoint, CancellationToken cancellationToken);

    /// <summary>
    /// Stops and removes the instance. An instance the provider does not run is ignored. Throws
    /// <see cref="InstanceStopException"/> when the instance cannot be stopped.
    /// </summary>
    Task StopAsync(Guid instanceId, CancellationToken cancellationToken);

    /// <summary>Releases what this process holds for its instances when the process shuts down, without recording them as stopped.</summary>
    Task ReleaseAllAsync(CancellationToken cancellationToken);
}
