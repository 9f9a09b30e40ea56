using System.Collections.Concurrent;
using System.Net.Sockets;
using Microsoft.Extensions.Options;
using Surge.Provisioner.Providers;

namespace Surge.Provisioner.Simulation;

/// <summary>
/// The simulated data centre: an instance start waits the configured latency, may fail at the configured rate, and
/// then serves real HTTP on a loopback address, so traffic through the load balancer reaches it.
/// </summary>
/// <remarks>
/// NOTE: the listeners live in this process, so the simulated data centre supports one Provisioner replica. A second
/// replica would bind the same instances again after its own restart.
/// </remarks>
public sealed partial class SimulatedDataCentre(
    IOptions<SimulatedDataCentreOptions> options,
    StartFailureInjector failures,
    TimeProvider time,
    ILogger<SimulatedDataCentre> logger) : IInstanceProvider
{
    private readonly ConcurrentDictionary<Guid, InstanceListener> listeners = new();

    /// <inheritdoc />
    public async Task<string> StartAsync(InstanceLaunch launch, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        await Task.Delay(settings.Scale(settings.InstanceStartLatency), time, cancellationToken);

        if (failures.NextStartFails())
        {
            throw new InstanceStartException(
                $"The simulated data centre failed the start on purpose because SimulatedDataCentre:FailureRate is {failures.FailureRate}. Set it to 0 to stop injected failures.");
        }

        var endpoint = ListenEndpoint.For(launch.Address, settings.InstancePort);
        if (endpoint.IsMapped)
        {
            LogAddressMapped(logger, launch.InstanceId, launch.Address, endpoint.Address.ToString());
        }

        return await BindAsync(launch, endpoint, cancellationToken);
    }

    /// <inheritdoc />
    public async Task ReattachAsync(InstanceLaunch launch, string endpoint, CancellationToken cancellationToken)
    {
        ListenEndpoint recorded;
        try
        {
            recorded = ListenEndpoint.Parse(endpoint);
        }
        catch (FormatException exception)
        {
            throw new InstanceStartException(exception.Message, exception);
        }

        await BindAsync(launch, recorded, cancellationToken);
    }

    /// <inheritdoc />
    public async Task StopAsync(Guid instanceId, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        await Task.Delay(settings.Scale(settings.InstanceStopLatency), time, cancellationToken);

        if (listeners.TryRemove(instanceId, out var listener))
        {
            await listener.DisposeAsync();
            LogListenerStopped(logger, instanceId, listener.Endpoint);
        }
    }

    /// <inheritdoc />
    public async Task ReleaseAllAsync(CancellationToken cancellationToken)
    {
        foreach (var instanceId in listeners.Keys)
        {
            if (listeners.TryRemove(instanceId, out var listener))
            {
                await listener.DisposeAsync();
            }
        }
    }

    private async Task<string> BindAsync(InstanceLaunch launch, ListenEndpoint endpoint, CancellationToken cancellationToken)
    {
        if (listeners.TryGetValue(launch.InstanceId, out var existing))
        {
            return existing.Endpoint;
        }

        InstanceListener listener;
        try
        {
            listener = await InstanceListener.StartAsync(launch, endpoint.Address, endpoint.Port, cancellationToken);
        }
        catch (Exception exception) when (exception is IOException or SocketException)
        {
            throw new InstanceStartException(
                $"Binding {endpoint.ToUrl(endpoint.Port)} for instance {launch.InstanceId} failed: {exception.Message}",
                exception);
        }

        // Two starts of one instance can race. The first listener wins and the second is released.
        if (!listeners.TryAdd(launch.InstanceId, listener))
        {
            await listener.DisposeAsync();
            return listeners[launch.InstanceId].Endpoint;
        }

        LogListenerStarted(logger, launch.InstanceId, listener.Endpoint);
        return listener.Endpoint;
    }

    [LoggerMessage(EventId = LogEventIds.SimulatedDataCentre + 1, Level = LogLevel.Information, Message = "Instance {InstanceId} has address {InstanceAddress}, which is not a loopback address, so it listens on {ListenAddress} with an ephemeral port")]
    private static partial void LogAddressMapped(ILogger logger, Guid instanceId, string instanceAddress, string listenAddress);

    [LoggerMessage(EventId = LogEventIds.SimulatedDataCentre + 2, Level = LogLevel.Information, Message = "Instance {InstanceId} listens at {Endpoint}")]
    private static partial void LogListenerStarted(ILogger logger, Guid instanceId, string endpoint);

    [LoggerMessage(EventId = LogEventIds.SimulatedDataCentre + 3, Level = LogLevel.Information, Message = "Instance {InstanceId} stopped listening at {Endpoint}")]
    private static partial void LogListenerStopped(ILogger logger, Guid instanceId, string endpoint);
}
