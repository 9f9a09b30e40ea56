using Surge.Provisioner.CloudNodes;

namespace Surge.Provisioner.NodeProvisioning;

/// <summary>The nodes of one request that are still to be created, and the correlation id their outcome is recorded under.</summary>
public sealed record CloudNodeWork(Guid RequestId, string Provider, string Pool, IReadOnlyList<string> Nodes, string CorrelationId)
{
    /// <summary>Creates the work for the pending nodes of <paramref name="state"/>.</summary>
    public static CloudNodeWork From(CloudNodeRequestState state, string correlationId) =>
        new(state.RequestId, state.Provider, state.Pool, [.. state.PendingNodes.Select(node => node.Name)], correlationId);
}
