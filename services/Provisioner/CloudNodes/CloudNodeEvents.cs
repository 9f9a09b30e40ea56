namespace Surge.Provisioner.CloudNodes;

/// <summary>One node a request plans: its deterministic name and where it will run.</summary>
public sealed record PlannedNode(string Name, string Zone, string Rack);

/// <summary>Nodes were requested from a cloud provider: the first event of the request's stream, with the planned nodes.</summary>
/// <remarks>A rejected request, for example one over the provider's quota, has no planned nodes.</remarks>
public sealed record CloudNodesRequested(
    Guid RequestId,
    Guid SagaId,
    string Provider,
    string Pool,
    int CpuMillicores,
    int MemoryMiB,
    int DiskGiB,
    int SwapMiB,
    IReadOnlyList<PlannedNode> Nodes,
    DateTimeOffset RequestedAt);

/// <summary>One planned node was created, booted and joined its pool.</summary>
public sealed record CloudNodeCreated(Guid RequestId, string Name, DateTimeOffset JoinedAt);

/// <summary>
/// The request failed, and the nodes in <paramref name="RemovedNodes"/>, those created or still being created, were
/// deleted with it. No node of the request is live afterwards.
/// </summary>
public sealed record CloudNodesFailed(Guid RequestId, string Reason, IReadOnlyList<string> RemovedNodes, DateTimeOffset FailedAt);

/// <summary>Nodes of the request were released, because a <c>ReleaseNodes</c> with <paramref name="ReleaseRequestId"/> asked for them.</summary>
public sealed record CloudNodesReleased(Guid RequestId, IReadOnlyList<string> Nodes, Guid ReleaseRequestId, DateTimeOffset ReleasedAt);
