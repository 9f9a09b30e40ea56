namespace Surge.Provisioner.NetworkInterfaces;

/// <summary>The decisions about one network interface: which events a command causes, and how events change the state.</summary>
/// <remarks>
/// A command that does not fit the current state causes no events rather than an error, because every command arrives
/// at least once and may arrive late. The caller reads the state to decide what to reply.
/// </remarks>
public static class NetworkInterfaceDecider
{
    /// <summary>Returns the state after <paramref name="event"/>. Events of other types leave it unchanged.</summary>
    public static NetworkInterfaceState Evolve(NetworkInterfaceState state, object @event) => @event switch
    {
        InterfaceAttachRequested requested => new NetworkInterfaceState(
            NetworkInterfaceStatus.Attaching,
            requested.Subnet,
            requested.Node,
            requested.InterfaceId,
            requested.AttachDueAt,
            null,
            null),
        InterfaceAttached attached => state with { Status = NetworkInterfaceStatus.Attached, AttachedAt = attached.AttachedAt },
        InterfaceAttachFailed failed => state with { Status = NetworkInterfaceStatus.Failed, FailureReason = failed.Reason },
        _ => state,
    };

    /// <summary>Returns the state after all of <paramref name="events"/>.</summary>
    public static NetworkInterfaceState Fold(NetworkInterfaceState state, IEnumerable<object> events) => events.Aggregate(state, Evolve);

    /// <summary>Returns the events <paramref name="command"/> causes in <paramref name="state"/> at <paramref name="now"/>.</summary>
    public static IReadOnlyList<object> Decide(NetworkInterfaceState state, NetworkInterfaceCommand command, DateTimeOffset now) => command switch
    {
        RequestInterfaceAttach request => Request(state, request, now),
        CompleteInterfaceAttach complete => Complete(state, complete, now),
        _ => throw new ArgumentException($"The network interface decider does not handle {command.GetType().Name}.", nameof(command)),
    };

    // A repeated request for a known interface changes nothing, and its reply follows from the state. A request that
    // cannot be met is recorded together with its failure, so the requester gets a reply, a redelivery gets the same
    // one, and the audit trail shows why.
    private static IReadOnlyList<object> Request(NetworkInterfaceState state, RequestInterfaceAttach request, DateTimeOffset now)
    {
        if (state.Status != NetworkInterfaceStatus.None)
        {
            return [];
        }

        var problem = request.NodeProblem ?? FindLimitProblem(request);
        if (problem is not null)
        {
            return
            [
                new InterfaceAttachRequested(request.Subnet, request.Node, request.InterfaceId, now, now),
                new InterfaceAttachFailed(request.Node, request.InterfaceId, problem, now),
            ];
        }

        return [new InterfaceAttachRequested(request.Subnet, request.Node, request.InterfaceId, now, now + request.AttachLatency)];
    }

    private static string? FindLimitProblem(RequestInterfaceAttach request) =>
        (long)request.InUseOnNode + 1 <= request.MaxPerNode
            ? null
            : $"Node {request.Node} has {request.InUseOnNode} network interfaces attached or attaching and may have at most {request.MaxPerNode}, so interface {request.InterfaceId} cannot be attached. Attach it to another node, or raise SimulatedDataCentre:NetworkInterfaces:MaxPerNode.";

    // Only an interface that is attaching can finish attaching, and it fails when its node went away meanwhile.
    private static IReadOnlyList<object> Complete(NetworkInterfaceState state, CompleteInterfaceAttach complete, DateTimeOffset now)
    {
        if (state.Status != NetworkInterfaceStatus.Attaching)
        {
            return [];
        }

        return complete.NodeProblem is { } problem
            ? [new InterfaceAttachFailed(complete.Node, complete.InterfaceId, problem, now)]
            : [new InterfaceAttached(complete.Node, complete.InterfaceId, now)];
    }
}
