using Marten;
using Surge.Contracts.Nodes;
using Surge.Provisioner.NetworkInterfaces;
using Surge.Provisioner.Querying;
using Surge.Provisioner.Simulation.NetworkInterfaces;
using Surge.Provisioner.Storage;
using Surge.ServiceDefaults.Messaging;

namespace Surge.Provisioner.InterfaceAttaching;

/// <summary>
/// Records a request to attach a network interface to a node in the interface's stream and completes the attach in the
/// background after the commit, once the simulated latency has passed. A request that would take the node past
/// <c>SimulatedDataCentre:NetworkInterfaces:MaxPerNode</c>, or names a node the simulated cloud released, is recorded as
/// failed and gets <see cref="NetworkInterfaceAttachFailed"/> at once, as a cloud API rejects it without waiting. A
/// request for an interface already known gets the reply its state calls for again.
/// </summary>
/// <remarks>
/// Requests for one node are decided one at a time, within the process by the partition key and across processes by a
/// transaction advisory lock, so two requests cannot both take the node's last free interface.
/// A node the Provisioner did not create, such as one declared in a fleet file, is taken to exist. A node released while
/// its interface attaches fails the attach when it completes.
/// </remarks>
public sealed partial class AttachNetworkInterfaceConsumer(
    ConsumerServices services,
    SimulatedNetworkInterfaces interfaces,
    InterfaceAttacher attacher,
    ILogger<AttachNetworkInterfaceConsumer> logger) : TransactionalConsumer<AttachNetworkInterface>(services)
{
    /// <inheritdoc />
    protected override string PartitionKey(AttachNetworkInterface message) => NetworkInterfaceStream.NodePartitionKey(message.Node ?? "");

    /// <inheritdoc />
    protected override async Task HandleAsync(AttachNetworkInterface message, OutboxSession unit, CancellationToken cancellationToken)
    {
        // A message from another version may lack a field; it gets a failure that names it instead of failing on null.
        var (subnet, node, interfaceId) = (message.Subnet ?? "", message.Node ?? "", message.InterfaceId ?? "");
        if (NetworkInterfaceRequests.FindProblem(subnet, node, interfaceId) is { } problem)
        {
            LogRejected(logger, interfaceId, node, problem);
            unit.Publish(new NetworkInterfaceAttachFailed(subnet, node, interfaceId, problem));
            return;
        }

        await TransactionAdvisoryLock.AcquireAsync(unit.Documents, NetworkInterfaceStream.NodePartitionKey(node), cancellationToken);
        var stream = await unit.Documents.Events.FetchForWriting<NetworkInterfaceState>(NetworkInterfaceStream.Key(node, interfaceId), cancellationToken);
        var state = stream.Aggregate ?? NetworkInterfaceState.Initial;
        if (state.Status != NetworkInterfaceStatus.None)
        {
            HandleRepeat(state, subnet, unit);
            return;
        }

        var request = new RequestInterfaceAttach(
            subnet,
            node,
            interfaceId,
            interfaces.MaxPerNode,
            await CountInUseAsync(unit.Documents, node, cancellationToken),
            await CloudNodeAvailability.FindProblemAsync(unit.Documents, node, cancellationToken),
            interfaces.NextAttachLatency());
        var events = NetworkInterfaceDecider.Decide(state, request, unit.Now);
        stream.AppendMany(events);

        var next = NetworkInterfaceDecider.Fold(state, events);
        if (next.Status == NetworkInterfaceStatus.Attaching)
        {
            LogRequested(logger, interfaceId, subnet, node, request.InUseOnNode, request.MaxPerNode, next.AttachDueAt!.Value);
            unit.Documents.Listeners.Add(new AttachAfterCommit(attacher, InterfaceAttachWork.From(next, unit.CorrelationId)));
            return;
        }

        LogRejected(logger, interfaceId, node, next.FailureReason!);
        unit.Publish(NetworkInterfaceReplies.For(next)!);
    }

    private static Task<int> CountInUseAsync(IDocumentSession session, string node, CancellationToken cancellationToken) =>
        session.Query<NetworkInterfaceView>()
            .Where(view => view.Node == node && (view.Status == NetworkInterfaceStatus.Attaching || view.Status == NetworkInterfaceStatus.Attached))
            .CountAsync(cancellationToken);

    private void HandleRepeat(NetworkInterfaceState state, string subnet, OutboxSession unit)
    {
        // The same name for another subnet is a second interface under a taken name; the recorded one is left as it is.
        if (!string.Equals(state.Subnet, subnet, StringComparison.Ordinal))
        {
            var reason = $"Interface {state.InterfaceId} of node {state.Node} was already requested for subnet {state.Subnet}, so it cannot be attached for subnet {subnet}. Name a new interface.";
            LogNameTaken(logger, state.InterfaceId, state.Node, state.Subnet, subnet);
            unit.Publish(new NetworkInterfaceAttachFailed(subnet, state.Node, state.InterfaceId, reason));
            return;
        }

        if (NetworkInterfaceReplies.For(state) is { } reply)
        {
            LogReplyRepeated(logger, state.InterfaceId, state.Node, state.Status);
            unit.Publish(reply);
            return;
        }

        if (attacher.IsAttaching(state.Id))
        {
            LogStillAttaching(logger, state.InterfaceId, state.Node);
            return;
        }

        // An attach whose work no longer runs here (recording its outcome failed) is resumed.
        LogResuming(logger, state.InterfaceId, state.Node);
        unit.Documents.Listeners.Add(new AttachAfterCommit(attacher, InterfaceAttachWork.From(state, unit.CorrelationId)));
    }

    [LoggerMessage(EventId = LogEventIds.AttachConsumer + 1, Level = LogLevel.Information, Message = "Network interface {InterfaceId} of subnet {Subnet} requested for node {Node}, which had {InUseCount} of at most {MaxPerNode} interfaces; due at {AttachDueAt}")]
    private static partial void LogRequested(ILogger logger, string interfaceId, string subnet, string node, int inUseCount, int maxPerNode, DateTimeOffset attachDueAt);

    [LoggerMessage(EventId = LogEventIds.AttachConsumer + 2, Level = LogLevel.Warning, Message = "Network interface {InterfaceId} of node {Node} was not attached: {Reason}")]
    private static partial void LogRejected(ILogger logger, string interfaceId, string node, string reason);

    [LoggerMessage(EventId = LogEventIds.AttachConsumer + 3, Level = LogLevel.Information, Message = "Network interface {InterfaceId} of node {Node} was requested again and is {Status}, so its reply is sent again")]
    private static partial void LogReplyRepeated(ILogger logger, string interfaceId, string node, NetworkInterfaceStatus status);

    [LoggerMessage(EventId = LogEventIds.AttachConsumer + 4, Level = LogLevel.Information, Message = "Network interface {InterfaceId} of node {Node} was requested again and is still attaching, so its reply follows when it is attached")]
    private static partial void LogStillAttaching(ILogger logger, string interfaceId, string node);

    [LoggerMessage(EventId = LogEventIds.AttachConsumer + 5, Level = LogLevel.Warning, Message = "Network interface {InterfaceId} of node {Node} was requested again and is still attaching, but no attach of it runs, so it is attached again")]
    private static partial void LogResuming(ILogger logger, string interfaceId, string node);

    [LoggerMessage(EventId = LogEventIds.AttachConsumer + 6, Level = LogLevel.Warning, Message = "Network interface {InterfaceId} of node {Node} was requested for subnet {Subnet}, but the name is taken by an interface of subnet {RecordedSubnet}")]
    private static partial void LogNameTaken(ILogger logger, string interfaceId, string node, string recordedSubnet, string subnet);
}
