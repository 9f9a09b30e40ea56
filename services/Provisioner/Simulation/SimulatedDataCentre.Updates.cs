using Surge.Provisioner.Faults;
using Surge.Provisioner.Providers;

namespace Surge.Provisioner.Simulation;

/// <summary>
/// In-place updates in the simulated data centre: the instance's listener is aborted, so requests in flight to it fail,
/// and after the <c>UpdateInstance</c> latency it listens again at the same address and port with the new image.
/// </summary>
/// <remarks>
/// NOTE: an outage that begins while an instance restarts does not suspend it, because it has no listener then. The
/// update fails, and the instance stays down, without a listener, after the outage ends.
/// </remarks>
public sealed partial class SimulatedDataCentre
{
    /// <inheritdoc />
    /// <remarks>
    /// An injected failure brings the instance back with the image it ran before. An update that never completes leaves
    /// the instance down until <paramref name="cancellationToken"/> is cancelled.
    /// </remarks>
    public async Task<string> UpdateAsync(InstanceLaunch launch, string endpoint, CancellationToken cancellationToken)
    {
        ListenEndpoint recorded;
        try
        {
            recorded = ListenEndpoint.Parse(endpoint);
        }
        catch (FormatException exception)
        {
            throw new InstanceUpdateException(exception.Message, exception);
        }

        if (IsDisconnected(launch.Node))
        {
            throw new InstanceUpdateException(
                $"Node {launch.Node} cannot be reached because of a simulated outage, so instance {launch.InstanceId} could not be updated. End the outage with DELETE /simulation/nodes/{launch.Node}/outage and request the update again.");
        }

        var previous = await TakeDownAsync(launch.InstanceId);
        var failure = await PerformAsync(ProviderOperation.UpdateInstance, launch.InstanceId, cancellationToken);
        if (failure is not null)
        {
            // The old container comes back, as a runtime does when the new image fails its start.
            if (previous is not null)
            {
                await RestartAsync(previous, recorded, cancellationToken);
            }

            LogUpdateFailureInjected(logger, launch.InstanceId, launch.Image, failure);
            throw new InstanceUpdateException(failure);
        }

        var served = await RestartAsync(launch, recorded, cancellationToken);
        LogUpdated(logger, launch.InstanceId, launch.Image, served);
        return served;
    }

    // Removes and aborts the instance's listener, and returns what it served, or null when no listener served the instance.
    private async Task<InstanceLaunch?> TakeDownAsync(Guid instanceId)
    {
        InstanceListener? listener;
        lock (outageGate)
        {
            listeners.TryRemove(instanceId, out listener);
        }

        if (listener is null)
        {
            return null;
        }

        await listener.AbortAsync();
        LogRestarting(logger, instanceId, listener.Endpoint);
        return listener.Launch;
    }

    private async Task<string> RestartAsync(InstanceLaunch launch, ListenEndpoint endpoint, CancellationToken cancellationToken)
    {
        try
        {
            return await BindAsync(launch, endpoint, cancellationToken);
        }
        catch (InstanceStartException exception)
        {
            throw new InstanceUpdateException(exception.Message, exception);
        }
    }

    [LoggerMessage(EventId = LogEventIds.SimulatedDataCentre + 9, Level = LogLevel.Information, Message = "Instance {InstanceId} stopped listening at {Endpoint} to restart with a new image")]
    private static partial void LogRestarting(ILogger logger, Guid instanceId, string endpoint);

    [LoggerMessage(EventId = LogEventIds.SimulatedDataCentre + 10, Level = LogLevel.Information, Message = "Instance {InstanceId} runs image {Image} at {Endpoint}")]
    private static partial void LogUpdated(ILogger logger, Guid instanceId, string image, string endpoint);

    [LoggerMessage(EventId = LogEventIds.SimulatedDataCentre + 11, Level = LogLevel.Warning, Message = "Update of instance {InstanceId} to image {Image} failed and it runs its previous image again: {Reason}")]
    private static partial void LogUpdateFailureInjected(ILogger logger, Guid instanceId, string image, string reason);
}
