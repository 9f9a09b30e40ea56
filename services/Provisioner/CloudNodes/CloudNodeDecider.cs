namespace Surge.Provisioner.CloudNodes;

/// <summary>The decisions about one request of cloud nodes: which events a command causes, and how events change the state.</summary>
/// <remarks>
/// A command that does not fit the current state causes no events rather than an error, because every command arrives
/// at least once and may arrive late. The caller reads the state to decide what to reply.
/// </remarks>
public static class CloudNodeDecider
{
    /// <summary>The most nodes one request may ask for.</summary>
    public const int MaxCount = 1000;

    /// <summary>Returns the state after <paramref name="event"/>. Events of other types leave it unchanged.</summary>
    public static CloudNodeRequestState Evolve(CloudNodeRequestState state, object @event) => @event switch
    {
        CloudNodesRequested requested => new CloudNodeRequestState(
            CloudNodeRequestStatus.Requested,
            requested.RequestId,
            requested.SagaId,
            requested.Provider,
            requested.Pool,
            [.. requested.Nodes.Select(node => new CloudNodeState(node.Name, node.Zone, node.Rack, CloudNodeStatus.Pending, null))],
            null),
        CloudNodeCreated created => Settle(state with
        {
            Nodes = Update(state.Nodes, [created.Name], node => node with { Status = CloudNodeStatus.Live, JoinedAt = created.JoinedAt }),
        }),
        CloudNodesFailed failed => state with
        {
            Status = CloudNodeRequestStatus.Failed,
            FailureReason = failed.Reason,
            Nodes = Update(state.Nodes, failed.RemovedNodes, node => node with { Status = CloudNodeStatus.Removed }),
        },
        CloudNodesReleased released => Settle(state with
        {
            Nodes = Update(state.Nodes, released.Nodes, node => node with { Status = CloudNodeStatus.Released }),
        }),
        _ => state,
    };

    /// <summary>Returns the state after all of <paramref name="events"/>.</summary>
    public static CloudNodeRequestState Fold(CloudNodeRequestState state, IEnumerable<object> events) => events.Aggregate(state, Evolve);

    /// <summary>Returns the events <paramref name="command"/> causes in <paramref name="state"/> at <paramref name="now"/>.</summary>
    public static IReadOnlyList<object> Decide(CloudNodeRequestState state, CloudNodeCommand command, DateTimeOffset now) => command switch
    {
        RequestCloudNodes request => Request(state, request, now),
        CompleteCloudNode complete => Complete(state, complete, now),
        FailCloudNodes fail => Fail(state, fail, now),
        ReleaseCloudNodes release => Release(state, release, now),
        _ => throw new ArgumentException($"The cloud node decider does not handle {command.GetType().Name}.", nameof(command)),
    };

    // A repeated request changes nothing, and its reply follows from the state. A request that cannot be met is recorded
    // together with its failure, so the saga gets a reply, a redelivery gets the same one, and the audit trail shows why.
    private static IReadOnlyList<object> Request(CloudNodeRequestState state, RequestCloudNodes request, DateTimeOffset now)
    {
        if (state.Status != CloudNodeRequestStatus.None)
        {
            return [];
        }

        var problem = FindProblem(request);
        var nodes = problem is null
            ? CloudNodePlan.Plan(request.Provider, request.Pool, request.RequestId, request.Count, request.Zones)
            : [];
        problem ??= CloudQuota.Check(request.Provider, request.MaxNodes!.Value, request.NodesInUse, request.Count)
            ?? FindNameClash(request, nodes);

        // A rejected request plans no nodes, so none of its names counts against the quota or replaces another
        // request's node in the node views.
        var requested = new CloudNodesRequested(
            request.RequestId,
            request.SagaId,
            request.Provider,
            request.Pool,
            request.CpuMillicores,
            request.MemoryMiB,
            request.DiskGiB,
            request.SwapMiB,
            problem is null ? nodes : [],
            now);
        return problem is null
            ? [requested]
            : [requested, new CloudNodesFailed(request.RequestId, problem, [], now)];
    }

    private static string? FindProblem(RequestCloudNodes request)
    {
        if (request.MaxNodes is null)
        {
            return $"Provider {request.Provider} does not exist. Ask one of the providers the Provisioner simulates, or add it under SimulatedDataCentre:Clouds.";
        }

        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(request.Pool))
        {
            problems.Add("the pool name is empty");
        }

        if (request.Count is < 1 or > MaxCount)
        {
            problems.Add($"the count is {request.Count} but must be between 1 and {MaxCount}");
        }

        if (request.Zones.Count == 0)
        {
            problems.Add("the zone list is empty");
        }
        else if (request.Zones.Any(string.IsNullOrWhiteSpace))
        {
            problems.Add("a zone name is empty");
        }

        if (request.CpuMillicores <= 0 || request.MemoryMiB <= 0 || request.DiskGiB <= 0 || request.SwapMiB < 0)
        {
            problems.Add($"the node size is {request.CpuMillicores} millicores, {request.MemoryMiB} MiB memory, {request.DiskGiB} GiB disk and {request.SwapMiB} MiB swap, but CPU, memory and disk must be positive and swap not negative");
        }

        return problems.Count == 0
            ? null
            : $"The request for nodes of {request.Provider} is invalid: {string.Join("; ", problems)}. Send ProvisionNodes with a pool, a count from 1 to {MaxCount}, at least one zone and a positive node size.";
    }

    private static string? FindNameClash(RequestCloudNodes request, IReadOnlyList<PlannedNode> nodes)
    {
        var clashes = nodes.Select(node => node.Name).Where(request.NamesTaken.Contains).ToList();
        return clashes.Count == 0
            ? null
            : $"Node names {string.Join(", ", clashes)} of request {request.RequestId} are taken by another request whose id ends in the same {CloudNodePlan.ShortIdLength} digits. Send the request again with a new request id.";
    }

    // Only a pending node of a request in progress can be created: one that was released meanwhile, or whose request
    // failed, stays as it is.
    private static IReadOnlyList<object> Complete(CloudNodeRequestState state, CompleteCloudNode complete, DateTimeOffset now) =>
        state.Status == CloudNodeRequestStatus.Requested && state.PendingNodes.Any(node => node.Name == complete.Name)
            ? [new CloudNodeCreated(complete.RequestId, complete.Name, now)]
            : [];

    private static IReadOnlyList<object> Fail(CloudNodeRequestState state, FailCloudNodes fail, DateTimeOffset now)
    {
        if (state.Status != CloudNodeRequestStatus.Requested)
        {
            return [];
        }

        var removed = state.Nodes
            .Where(node => node.Status is CloudNodeStatus.Pending or CloudNodeStatus.Live)
            .Select(node => node.Name)
            .ToList();
        return [new CloudNodesFailed(fail.RequestId, fail.Reason, removed, now)];
    }

    private static IReadOnlyList<object> Release(CloudNodeRequestState state, ReleaseCloudNodes release, DateTimeOffset now)
    {
        var released = state.Nodes
            .Where(node => node.Status is CloudNodeStatus.Pending or CloudNodeStatus.Live && release.Names.Contains(node.Name))
            .Select(node => node.Name)
            .ToList();
        return released.Count == 0
            ? []
            : [new CloudNodesReleased(release.RequestId, released, release.ReleaseRequestId, now)];
    }

    // A request in progress is provisioned once none of its nodes is still being created.
    private static CloudNodeRequestState Settle(CloudNodeRequestState state) =>
        state.Status == CloudNodeRequestStatus.Requested && !state.PendingNodes.Any()
            ? state with { Status = CloudNodeRequestStatus.Provisioned }
            : state;

    private static IReadOnlyList<CloudNodeState> Update(IReadOnlyList<CloudNodeState> nodes, IEnumerable<string> names, Func<CloudNodeState, CloudNodeState> change)
    {
        var selected = names.ToHashSet(StringComparer.Ordinal);
        return [.. nodes.Select(node => selected.Contains(node.Name) ? change(node) : node)];
    }
}
