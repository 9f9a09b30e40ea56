using System.Collections.Concurrent;
using System.Net.Sockets;
using Microsoft.Extensions.Options;
using Surge.Provisioner.Faults;
using Surge.Provisioner.Providers;

namespace Surge.Provisioner.Simulation;

/// <summary>
/// The simulated data centre: each operation waits a latency drawn from the configured distribution and then fails,
/// never answers or succeeds as the <see cref="FaultPlan"/> decides. A started instance serves real HTTP on a loopback
/// address, so traffic through the load balancer reaches it.
/// </summary>
/// <remarks>
/// <para>
/// A node can be put into a simulated outage (see SimulatedDataCentre.Outages.cs): its listeners stop until the outage
/// ends, and no instance can start on it meanwhile.
/// </para>
/// <para>
/// NOTE: the listeners live in this process, so the simulated data centre supports one Provisioner replica. A second
/// replica would bind the same instances again after its own restart.
/// </para>
/// </remarks>
public sealed partial class SimulatedDataCentre(
    IOptions<SimulatedDataCentreOptions> options,
    FaultPlan faults,
    TimeProvider time,
    ILogger<SimulatedDataCentre> logger) : IInstanceProvider
{
    private readonly ConcurrentDictionary<Guid, InstanceListener> listeners = new();

    /// <inheritdoc />
    /// <remarks>A start that never answers waits until <paramref name="cancellationToken"/> is cancelled, and the instance stays requested.</remarks>
    public async Task<string> StartAsync(InstanceLaunch launch, CancellationToken cancellationToken)
    {
        if (await PerformAsync(ProviderOperation.StartInstance, launch.InstanceId, cancellationToken) is { } reason)
        {
            throw new InstanceStartException(reason);
        }

        var endpoint = ListenEndpoint.For(launch.Address, options.Value.InstancePort);
        if (endpoint.IsMapped)
        {
            LogAddressMapped(logger, launch.InstanceId, launch.Address, endpoint.Address.ToString());
        }

        return await BindAsync(launch, endpoint, cancellationToken);
    }

    /// <inheritdoc />
    /// <remarks>Taking an instance back is not a provider operation, so it has no latency and no injected faults.</remarks>
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
    /// <remarks>
    /// A stop that never answers waits until <paramref name="cancellationToken"/> is cancelled, and the listener keeps
    /// serving. An instance on a node in an outage is stopped too, so it does not come back when the outage ends.
    /// </remarks>
    public async Task StopAsync(Guid instanceId, CancellationToken cancellationToken)
    {
        if (await PerformAsync(ProviderOperation.StopInstance, instanceId, cancellationToken) is { } reason)
        {
            LogStopFailureInjected(logger, instanceId, reason);
            throw new InstanceStopException(reason);
        }

        if (listeners.TryRemove(instanceId, out var listener))
        {
            await listener.DisposeAsync();
            LogListenerStopped(logger, instanceId, listener.Endpoint);
            return;
        }

        ForgetSuspended(instanceId);
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

        ForgetAllSuspended();
    }

    // Waits out the call's latency and returns the injected failure reason, or null when the call succeeds. A call that
    // never answers waits until it is cancelled and then throws OperationCanceledException.
    private async Task<string?> PerformAsync(ProviderOperation operation, Guid instanceId, CancellationToken cancellationToken)
    {
        var call = faults.Next(operation);
        if (call.Outcome is OperationOutcome.NeverAnswered)
        {
            LogHangInjected(logger, operation, instanceId, SimulatedDataCentreOptions.OperationKey(operation), faults.For(operation).NeverAnswerRate);
            await Task.Delay(Timeout.InfiniteTimeSpan, time, cancellationToken);
        }

        await Task.Delay(call.Latency, time, cancellationToken);
        return (call.Outcome as OperationOutcome.Failed)?.Reason;
    }

    private async Task<string> BindAsync(InstanceLaunch launch, ListenEndpoint endpoint, CancellationToken cancellationToken)
    {
        ThrowIfDisconnected(launch);
        if (listeners.TryGetValue(launch.InstanceId, out var existing))
        {
            return existing.Endpoint;
        }

        var listener = await StartListenerAsync(launch, endpoint, cancellationToken);

        // Two starts of one instance can race, and an outage of its node can begin while it binds. The first listener
        // wins and the second is released; a listener on a disconnected node is released and the start fails.
        var registration = Register(listener);
        if (registration.Winner != listener)
        {
            await listener.DisposeAsync();
        }

        if (registration.Winner is null)
        {
            throw NodeDisconnected(launch);
        }

        if (registration.Winner == listener)
        {
            LogListenerStarted(logger, launch.InstanceId, listener.Endpoint);
        }

        return registration.Winner.Endpoint;
    }

    private static async Task<InstanceListener> StartListenerAsync(InstanceLaunch launch, ListenEndpoint endpoint, CancellationToken cancellationToken)
    {
        try
        {
            return await InstanceListener.StartAsync(launch, endpoint.Address, endpoint.Port, cancellationToken);
        }
        catch (Exception exception) when (exception is IOException or SocketException)
        {
            throw new InstanceStartException(
                $"Binding {endpoint.ToUrl(endpoint.Port)} for instance {launch.InstanceId} failed: {exception.Message}",
                exception);
        }
    }

    [LoggerMessage(EventId = LogEventIds.SimulatedDataCentre + 1, Level = LogLevel.Information, Message = "Instance {InstanceId} has address {InstanceAddress}, which is not a loopback address, so it listens on {ListenAddress} with an ephemeral port")]
    private static partial void LogAddressMapped(ILogger logger, Guid instanceId, string instanceAddress, string listenAddress);

    [LoggerMessage(EventId = LogEventIds.SimulatedDataCentre + 2, Level = LogLevel.Information, Message = "Instance {InstanceId} listens at {Endpoint}")]
    private static partial void LogListenerStarted(ILogger logger, Guid instanceId, string endpoint);

    [LoggerMessage(EventId = LogEventIds.SimulatedDataCentre + 3, Level = LogLevel.Information, Message = "Instance {InstanceId} stopped listening at {Endpoint}")]
    private static partial void LogListenerStopped(ILogger logger, Guid instanceId, string endpoint);

    [LoggerMessage(EventId = LogEventIds.SimulatedDataCentre + 4, Level = LogLevel.Warning, Message = "Injected hang: {Operation} of instance {InstanceId} never answers and reports nothing until it is cancelled, because {OperationKey}:NeverAnswerRate is {NeverAnswerRate}")]
    private static partial void LogHangInjected(ILogger logger, ProviderOperation operation, Guid instanceId, string operationKey, double neverAnswerRate);

    [LoggerMessage(EventId = LogEventIds.SimulatedDataCentre + 5, Level = LogLevel.Warning, Message = "Stop of instance {InstanceId} failed: {Reason}")]
    private static partial void LogStopFailureInjected(ILogger logger, Guid instanceId, string reason);
}
