namespace Surge.Provisioner.CloudNodes;

/// <summary>A command for one request of cloud nodes, decided by <see cref="CloudNodeDecider"/>.</summary>
public abstract record CloudNodeCommand(Guid RequestId);

/// <summary>Requests new nodes from a cloud provider.</summary>
/// <param name="MaxNodes">The provider's quota, or null when no such provider exists.</param>
/// <param name="NodesInUse">How many nodes of the provider are live or being created by other requests.</param>
/// <param name="NamesTaken">Planned node names that another request already holds, which only a clash of short request ids causes.</param>
public sealed record RequestCloudNodes(
    Guid RequestId,
    Guid SagaId,
    string Provider,
    string Pool,
    int Count,
    int CpuMillicores,
    int MemoryMiB,
    int DiskGiB,
    int SwapMiB,
    IReadOnlyList<string> Zones,
    int? MaxNodes,
    int NodesInUse,
    IReadOnlyCollection<string> NamesTaken) : CloudNodeCommand(RequestId);

/// <summary>Records that the provider created, booted and joined one planned node.</summary>
public sealed record CompleteCloudNode(Guid RequestId, string Name) : CloudNodeCommand(RequestId);

/// <summary>Records that an operation on a node failed, which fails the whole request.</summary>
public sealed record FailCloudNodes(Guid RequestId, string Reason) : CloudNodeCommand(RequestId);

/// <summary>Releases nodes of the request; names the request does not hold are ignored.</summary>
public sealed record ReleaseCloudNodes(Guid RequestId, IReadOnlyCollection<string> Names, Guid ReleaseRequestId) : CloudNodeCommand(RequestId);
