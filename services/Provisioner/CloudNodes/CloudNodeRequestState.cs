namespace Surge.Provisioner.CloudNodes;

/// <summary>What decisions about one request of cloud nodes need: its status, its nodes and what its reply carries.</summary>
public sealed record CloudNodeRequestState(
    CloudNodeRequestStatus Status,
    Guid RequestId,
    Guid SagaId,
    string Provider,
    string Pool,
    IReadOnlyList<CloudNodeState> Nodes,
    string? FailureReason)
{
    /// <summary>The state of a request with no events.</summary>
    public static readonly CloudNodeRequestState Initial = new(CloudNodeRequestStatus.None, Guid.Empty, Guid.Empty, "", "", [], null);

    /// <summary>The key of the request's stream, which Marten requires of an aggregate. Decisions do not use it.</summary>
    public string Id { get; init; } = "";

    /// <summary>The nodes still being created.</summary>
    public IEnumerable<CloudNodeState> PendingNodes => Nodes.Where(node => node.Status == CloudNodeStatus.Pending);
}
