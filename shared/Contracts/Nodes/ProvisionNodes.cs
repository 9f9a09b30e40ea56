namespace Surge.Contracts.Nodes;

/// <summary>
/// Asks the provisioner for new nodes from a cloud provider because a scale-out does not fit in the pools. The same
/// <paramref name="RequestId"/> always gives the same nodes, so a redelivered request creates nothing twice.
/// </summary>
/// <param name="Provider">The overflow provider, such as <c>private-cloud</c> or <c>public-cloud</c>.</param>
/// <param name="Pool">The pool the new nodes join.</param>
/// <param name="Count">How many nodes to create.</param>
/// <param name="Size">The allocatable resources of each node.</param>
/// <param name="Zones">The zones to spread the nodes over, in order; the first node goes to the first zone.</param>
public sealed record ProvisionNodes(
    Guid SagaId,
    Guid RequestId,
    string Provider,
    string Pool,
    int Count,
    NodeSize Size,
    IReadOnlyList<string> Zones) : ISagaMessage;

/// <summary>The allocatable resources of a node a cloud provider creates.</summary>
public sealed record NodeSize(int CpuMillicores, int MemoryMiB, int DiskGiB, int SwapMiB);
