using JasperFx;
using JasperFx.Events;
using Marten.Events.Projections;
using Surge.Provisioner.CloudNodes;

namespace Surge.Provisioner.Querying;

/// <summary>
/// One simulated cloud node, rebuilt from the events of the request that planned it. The quota check counts these,
/// releases find a node's request through them, and the restart recovery finds requests with nodes still pending.
/// </summary>
public sealed record CloudNodeView
{
    /// <summary>The node's name, unique across requests.</summary>
    [Identity]
    public string Name { get; init; } = "";

    /// <summary>The request that planned the node.</summary>
    public Guid RequestId { get; init; }

    /// <summary>The saga that sent the request.</summary>
    public Guid SagaId { get; init; }

    /// <summary>The correlation id of the request. Later work on the node carries it too.</summary>
    public string CorrelationId { get; init; } = "";

    /// <summary>The cloud provider of the node.</summary>
    public string Provider { get; init; } = "";

    /// <summary>The pool the node joins.</summary>
    public string Pool { get; init; } = "";

    /// <summary>The zone the node runs in.</summary>
    public string Zone { get; init; } = "";

    /// <summary>The rack the node runs in.</summary>
    public string Rack { get; init; } = "";

    /// <summary>Where the node is in its life.</summary>
    public CloudNodeStatus Status { get; init; }

    /// <summary>When the node was requested.</summary>
    public DateTimeOffset RequestedAt { get; init; }

    /// <summary>When the node joined its pool, if it did.</summary>
    public DateTimeOffset? JoinedAt { get; init; }

    /// <summary>When the node was released or removed with its failed request, if it was.</summary>
    public DateTimeOffset? EndedAt { get; init; }
}

/// <summary>
/// Keeps <see cref="CloudNodeView"/> up to date in the transaction that appends a request's events, so a quota check
/// sees every node the previous request planned.
/// </summary>
public sealed class CloudNodeViewProjection : MultiStreamProjection<CloudNodeView, string>
{
    /// <summary>Routes each event to the views of the nodes it names.</summary>
    public CloudNodeViewProjection()
    {
        Identities<CloudNodesRequested>(requested => [.. requested.Nodes.Select(node => node.Name)]);
        Identity<CloudNodeCreated>(created => created.Name);
        Identities<CloudNodesFailed>(failed => [.. failed.RemovedNodes]);
        Identities<CloudNodesReleased>(released => [.. released.Nodes]);
    }

    /// <inheritdoc />
    public override CloudNodeView? Evolve(CloudNodeView? snapshot, string id, IEvent e) => e.Data switch
    {
        CloudNodesRequested requested when requested.Nodes.FirstOrDefault(node => node.Name == id) is { } planned => new CloudNodeView
        {
            Name = id,
            RequestId = requested.RequestId,
            SagaId = requested.SagaId,
            CorrelationId = e.CorrelationId ?? "",
            Provider = requested.Provider,
            Pool = requested.Pool,
            Zone = planned.Zone,
            Rack = planned.Rack,
            Status = CloudNodeStatus.Pending,
            RequestedAt = requested.RequestedAt,
        },
        CloudNodeCreated created when snapshot is not null => snapshot with { Status = CloudNodeStatus.Live, JoinedAt = created.JoinedAt },
        CloudNodesFailed failed when snapshot is not null => snapshot with { Status = CloudNodeStatus.Removed, EndedAt = failed.FailedAt },
        CloudNodesReleased released when snapshot is not null => snapshot with { Status = CloudNodeStatus.Released, EndedAt = released.ReleasedAt },
        _ => snapshot,
    };
}
