using Surge.Contracts.Nodes;

namespace Surge.Provisioner.CloudNodes;

/// <summary>Maps a request's state to the reply its saga expects.</summary>
public static class CloudNodeReplies
{
    /// <summary>
    /// Returns <see cref="NodesProvisioned"/> with every node that joined, in order, for a provisioned request and
    /// <see cref="NodeProvisioningFailed"/> for a failed one, or null while the request is in progress or unknown.
    /// </summary>
    /// <remarks>A node released before it joined is left out, so a request released whole before any node joined replies with no nodes.</remarks>
    public static object? For(CloudNodeRequestState state) => state.Status switch
    {
        CloudNodeRequestStatus.Provisioned => new NodesProvisioned(
            state.SagaId,
            state.RequestId,
            state.Provider,
            state.Pool,
            [.. state.Nodes.Where(node => node.JoinedAt is not null).Select(node => new ProvisionedNode(node.Name, node.Zone, node.Rack, node.JoinedAt!.Value))]),
        CloudNodeRequestStatus.Failed => new NodeProvisioningFailed(state.SagaId, state.RequestId, state.Provider, state.FailureReason!),
        _ => null,
    };

    /// <summary>
    /// Returns the reply that events moving the request from <paramref name="before"/> to <paramref name="after"/> call
    /// for: the request's reply when they finished it, otherwise null.
    /// </summary>
    public static object? OnFinish(CloudNodeRequestState before, CloudNodeRequestState after) =>
        IsFinished(before) ? null : For(after);

    private static bool IsFinished(CloudNodeRequestState state) =>
        state.Status is CloudNodeRequestStatus.Provisioned or CloudNodeRequestStatus.Failed;
}
