using Surge.Provisioner.Providers;

namespace Surge.Provisioner.Simulation;

/// <summary>
/// The node outages of the simulated data centre. The listeners of a disconnected node are stopped and remembered with
/// their endpoints. When the outage ends they serve at the same endpoints again, or are forgotten when the instances did
/// not survive it.
/// </summary>
public sealed partial class SimulatedDataCentre
{
    // Guards the disconnected nodes, the suspended instances, and every move of a listener in or out of the listeners
    // dictionary that must agree with them.
    private readonly Lock outageGate = new();
    private readonly HashSet<string> disconnectedNodes = new(StringComparer.Ordinal);
    private readonly Dictionary<Guid, SuspendedInstance> suspended = [];

    /// <summary>Returns whether <paramref name="node"/> is disconnected by a simulated outage.</summary>
    public bool IsDisconnected(string node)
    {
        lock (outageGate)
        {
            return disconnectedNodes.Contains(node);
        }
    }

    /// <summary>
    /// Disconnects <paramref name="node"/>: stops the listeners of its instances, which keep their endpoints for
    /// <see cref="ReconnectNodeAsync"/>, and makes every later start on the node fail until it is reconnected or
    /// forgotten. Returns the instances whose listeners stopped.
    /// </summary>
    public async Task<IReadOnlyList<Guid>> DisconnectNodeAsync(string node)
    {
        var stopping = new List<InstanceListener>();
        lock (outageGate)
        {
            disconnectedNodes.Add(node);
            foreach (var listener in listeners.Values.Where(listener => listener.Launch.Node == node))
            {
                // A stop that removed the listener first wins, and the instance is not suspended.
                if (listeners.TryRemove(listener.Launch.InstanceId, out var removed) && removed == listener)
                {
                    suspended[listener.Launch.InstanceId] = new SuspendedInstance(listener.Launch, listener.Endpoint);
                    stopping.Add(listener);
                }
            }
        }

        foreach (var listener in stopping)
        {
            await listener.DisposeAsync();
            LogListenerSuspended(logger, listener.Launch.InstanceId, node, listener.Endpoint);
        }

        return [.. stopping.Select(listener => listener.Launch.InstanceId)];
    }

    /// <summary>
    /// Reconnects <paramref name="node"/>: binds each suspended instance at the endpoint it had before the outage.
    /// Returns the instances that serve again and those whose endpoint could not be bound, with the reason.
    /// </summary>
    public async Task<NodeReconnection> ReconnectNodeAsync(string node, CancellationToken cancellationToken)
    {
        List<SuspendedInstance> waking;
        lock (outageGate)
        {
            disconnectedNodes.Remove(node);
            waking = [.. suspended.Values.Where(instance => instance.Launch.Node == node)];
        }

        var servingAgain = new List<Guid>();
        var failed = new List<ReconnectFailure>();
        foreach (var instance in waking)
        {
            if (await RebindAsync(instance, cancellationToken) is { } failure)
            {
                failed.Add(failure);
            }
            else if (IsServing(instance.Launch.InstanceId))
            {
                servingAgain.Add(instance.Launch.InstanceId);
            }
        }

        return new NodeReconnection(servingAgain, failed);
    }

    /// <summary>
    /// Ends the outage of <paramref name="node"/> without its instances: their suspended listeners are forgotten and
    /// starts on the node work again. Returns the instances that were forgotten.
    /// </summary>
    public IReadOnlyList<Guid> ForgetNode(string node)
    {
        lock (outageGate)
        {
            disconnectedNodes.Remove(node);
            var forgotten = suspended.Values.Where(instance => instance.Launch.Node == node).Select(instance => instance.Launch.InstanceId).ToList();
            forgotten.ForEach(instanceId => suspended.Remove(instanceId));
            return forgotten;
        }
    }

    // Binds a suspended instance again. It stays suspended while it binds, so a stop that arrives meanwhile removes it
    // and the new listener is released instead of serving a stopped instance.
    private async Task<ReconnectFailure?> RebindAsync(SuspendedInstance instance, CancellationToken cancellationToken)
    {
        InstanceListener listener;
        try
        {
            listener = await StartListenerAsync(instance.Launch, ListenEndpoint.Parse(instance.Endpoint), cancellationToken);
        }
        catch (Exception exception) when (exception is InstanceStartException or FormatException)
        {
            ForgetSuspended(instance.Launch.InstanceId);
            LogRebindFailed(logger, exception, instance.Launch.InstanceId, instance.Endpoint);
            return new ReconnectFailure(instance.Launch, instance.Endpoint, exception.Message);
        }

        bool serving;
        lock (outageGate)
        {
            serving = suspended.Remove(instance.Launch.InstanceId) && listeners.TryAdd(instance.Launch.InstanceId, listener);
        }

        if (!serving)
        {
            await listener.DisposeAsync();
            return null;
        }

        LogListenerResumed(logger, instance.Launch.InstanceId, instance.Launch.Node, listener.Endpoint);
        return null;
    }

    private bool IsServing(Guid instanceId) => listeners.ContainsKey(instanceId);

    // Adds a started listener unless another one serves the instance already or its node is disconnected. Returns the
    // listener that serves the instance afterwards, or null when the node is disconnected.
    private ListenerRegistration Register(InstanceListener listener)
    {
        lock (outageGate)
        {
            if (disconnectedNodes.Contains(listener.Launch.Node))
            {
                return new ListenerRegistration(null);
            }

            // A stop can remove the other listener between the two calls, so the loop tries to add this one again.
            while (!listeners.TryAdd(listener.Launch.InstanceId, listener))
            {
                if (listeners.TryGetValue(listener.Launch.InstanceId, out var existing))
                {
                    return new ListenerRegistration(existing);
                }
            }

            return new ListenerRegistration(listener);
        }
    }

    private void ThrowIfDisconnected(InstanceLaunch launch)
    {
        if (IsDisconnected(launch.Node))
        {
            throw NodeDisconnected(launch);
        }
    }

    private static InstanceStartException NodeDisconnected(InstanceLaunch launch) => new(
        $"Node {launch.Node} cannot be reached because of a simulated outage, so instance {launch.InstanceId} could not be started there. End the outage with DELETE /simulation/nodes/{launch.Node}/outage, or start the instance on another node.");

    private void ForgetSuspended(Guid instanceId)
    {
        lock (outageGate)
        {
            suspended.Remove(instanceId);
        }
    }

    private void ForgetAllSuspended()
    {
        lock (outageGate)
        {
            suspended.Clear();
        }
    }

    private sealed record SuspendedInstance(InstanceLaunch Launch, string Endpoint);

    private sealed record ListenerRegistration(InstanceListener? Winner);

    [LoggerMessage(EventId = LogEventIds.SimulatedDataCentre + 6, Level = LogLevel.Warning, Message = "Instance {InstanceId} stopped listening at {Endpoint} because node {Node} is in a simulated outage")]
    private static partial void LogListenerSuspended(ILogger logger, Guid instanceId, string node, string endpoint);

    [LoggerMessage(EventId = LogEventIds.SimulatedDataCentre + 7, Level = LogLevel.Information, Message = "Instance {InstanceId} listens at {Endpoint} again because the outage of node {Node} ended")]
    private static partial void LogListenerResumed(ILogger logger, Guid instanceId, string node, string endpoint);

    [LoggerMessage(EventId = LogEventIds.SimulatedDataCentre + 8, Level = LogLevel.Warning, Message = "Instance {InstanceId} could not listen at {Endpoint} again after the outage of its node ended")]
    private static partial void LogRebindFailed(ILogger logger, Exception exception, Guid instanceId, string endpoint);
}
