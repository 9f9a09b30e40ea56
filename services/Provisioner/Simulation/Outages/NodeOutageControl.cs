using Marten;
using Surge.Provisioner.Instances;
using Surge.Provisioner.Querying;
using Surge.Provisioner.Starting;
using Surge.ServiceDefaults.Problems;

namespace Surge.Provisioner.Simulation.Outages;

/// <summary>
/// Begins and ends simulated node outages: the listeners of the node's instances stop and the inventory reports list
/// the node as unreachable until the outage ends. Then the instances either serve again at the same endpoints or are
/// recorded as lost, each with an <see cref="InstanceLost"/> event.
/// </summary>
/// <remarks>
/// Changes are made one at a time, so an outage cannot end while it is still beginning. An end that fails part-way
/// keeps the outage, and ending it again finishes the work, because recording an instance as lost twice changes nothing.
/// </remarks>
public sealed partial class NodeOutageControl(
    NodeOutages outages,
    SimulatedDataCentre dataCentre,
    IDocumentStore store,
    InstanceRecorder recorder,
    InstanceStarter starter,
    TimeProvider time,
    IHostApplicationLifetime lifetime,
    ILogger<NodeOutageControl> logger)
{
    private readonly SemaphoreSlim changes = new(1, 1);

    /// <summary>
    /// Begins an outage of <paramref name="node"/>, or returns the outage it is already in when that has the same
    /// <paramref name="instancesSurvive"/>.
    /// </summary>
    /// <exception cref="ResourceConflictException">The node is already in an outage with the other <paramref name="instancesSurvive"/>.</exception>
    public async Task<NodeOutage> BeginAsync(string node, bool instancesSurvive, CancellationToken cancellationToken)
    {
        await changes.WaitAsync(cancellationToken);
        try
        {
            if (outages.Find(node) is { } current)
            {
                return current.InstancesSurvive == instancesSurvive
                    ? current
                    : throw new ResourceConflictException(
                        $"Node {node} is already in an outage since {current.Since:O} with instancesSurvive {Format(current.InstancesSurvive)}. End it with DELETE /simulation/nodes/{node}/outage before beginning one with instancesSurvive {Format(instancesSurvive)}.");
            }

            // The outage is recorded first, so no inventory report lists the node's instances once their listeners stop.
            var outage = new NodeOutage(node, instancesSurvive, time.GetUtcNow());
            outages.TryBegin(outage);
            var suspended = await dataCentre.DisconnectNodeAsync(node);
            LogBegun(logger, node, instancesSurvive, suspended.Count);
            return outage;
        }
        finally
        {
            changes.Release();
        }
    }

    /// <summary>
    /// Ends the outage of <paramref name="node"/>: its instances serve again, or are recorded as lost when they were not
    /// meant to survive. Returns null when the node is not in an outage.
    /// </summary>
    public async Task<EndedNodeOutage?> EndAsync(string node, CancellationToken cancellationToken)
    {
        await changes.WaitAsync(cancellationToken);
        try
        {
            if (outages.Find(node) is not { } outage)
            {
                return null;
            }

            // Once the events of the instances are committed, the work goes on even if the caller disconnects, so only
            // shutting down interrupts it.
            var (servingAgain, lost) = outage.InstancesSurvive
                ? await ReconnectAsync(node, lifetime.ApplicationStopping)
                : ([], await LoseInstancesAsync(node, lifetime.ApplicationStopping));

            // The outage is removed last, so no inventory report lists an instance before it serves again or is lost.
            outages.End(node);
            LogEnded(logger, node, servingAgain.Count, lost.Count);
            return new EndedNodeOutage(node, outage.InstancesSurvive, outage.Since, time.GetUtcNow(), servingAgain, lost);
        }
        finally
        {
            changes.Release();
        }
    }

    private async Task<(IReadOnlyList<Guid> ServingAgain, IReadOnlyList<Guid> Lost)> ReconnectAsync(string node, CancellationToken cancellationToken)
    {
        var reconnection = await dataCentre.ReconnectNodeAsync(node, cancellationToken);

        // An endpoint another process took during the outage cannot be served again, so the instance is lost.
        var lost = new List<Guid>();
        foreach (var failure in reconnection.Failed)
        {
            var reason = $"the instance could not serve at {failure.Endpoint} again after the outage of node {node} ended: {failure.Reason}";
            if (await recorder.RecordAsync(new LoseInstance(failure.Launch.InstanceId, reason), failure.Launch.CorrelationId, cancellationToken))
            {
                lost.Add(failure.Launch.InstanceId);
            }
        }

        return (reconnection.ServingAgain, lost);
    }

    private async Task<IReadOnlyList<Guid>> LoseInstancesAsync(string node, CancellationToken cancellationToken)
    {
        IReadOnlyList<InstanceView> onNode;
        await using (var session = store.QuerySession())
        {
            onNode = await session.Query<InstanceView>()
                .Where(view => view.Node == node && (view.Status == InstanceStatus.Requested || view.Status == InstanceStatus.Started))
                .OrderBy(view => view.RequestedAt)
                .ToListAsync(cancellationToken);
        }

        var reason = $"node {node} went down in a simulated outage that its instances did not survive";
        var lost = new List<Guid>();
        foreach (var view in onNode)
        {
            if (await recorder.RecordAsync(new LoseInstance(view.InstanceId, reason), view.CorrelationId, cancellationToken))
            {
                lost.Add(view.InstanceId);
                LogLost(logger, view.InstanceId, node);
            }

            // A start still waiting out its latency must not bring the lost instance back.
            starter.Cancel(view.InstanceId);
        }

        dataCentre.ForgetNode(node);
        return lost;
    }

    private static string Format(bool value) => value ? "true" : "false";

    [LoggerMessage(EventId = LogEventIds.NodeOutages + 1, Level = LogLevel.Warning, Message = "Simulated outage of node {Node} began (instances survive: {InstancesSurvive}); {SuspendedCount} listeners stopped")]
    private static partial void LogBegun(ILogger logger, string node, bool instancesSurvive, int suspendedCount);

    [LoggerMessage(EventId = LogEventIds.NodeOutages + 2, Level = LogLevel.Information, Message = "Simulated outage of node {Node} ended: {ServingCount} instances serve again and {LostCount} were recorded as lost")]
    private static partial void LogEnded(ILogger logger, string node, int servingCount, int lostCount);

    [LoggerMessage(EventId = LogEventIds.NodeOutages + 3, Level = LogLevel.Warning, Message = "Instance {InstanceId} was recorded as lost because it did not survive the outage of node {Node}")]
    private static partial void LogLost(ILogger logger, Guid instanceId, string node);
}
