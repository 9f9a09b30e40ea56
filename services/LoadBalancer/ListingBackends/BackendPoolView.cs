using JasperFx.Events;
using Marten.Events.Aggregation;
using Surge.LoadBalancer.Pools;

namespace Surge.LoadBalancer.ListingBackends;

/// <summary>The read model of one service's pool, keyed by the pool's stream key, from which the data plane configuration is built.</summary>
public sealed record BackendPoolView(string Id, string Service, IReadOnlyList<PoolMemberView> Backends)
{
    /// <summary>The drains that have started and not finished, in the order they started.</summary>
    public IReadOnlyList<PendingDrainView> Drains { get; init; } = [];
}

/// <summary>One member of a pool as the control API lists it.</summary>
/// <param name="DrainingUntil">The deadline of the drain that took the member out of rotation, or null while it receives requests.</param>
public sealed record PoolMemberView(Guid InstanceId, string Endpoint, int Weight, Guid SagaId, DateTimeOffset AddedAt, DateTimeOffset? DrainingUntil = null);

/// <summary>A saga's pending drain, with the correlation and causation of its request so the reply can carry them.</summary>
/// <param name="KeepMembers">True for a drain after weight 0, which keeps its instances as members and replies <c>BackendWeightsSet</c>.</param>
public sealed record PendingDrainView(Guid SagaId, IReadOnlyList<Guid> InstanceIds, DateTimeOffset Until, string? CorrelationId, string? CausationId, bool KeepMembers = false);

/// <summary>Projects a pool's events into its <see cref="BackendPoolView"/> in the transaction that appends them.</summary>
public sealed class BackendPoolProjection : SingleStreamProjection<BackendPoolView, string>
{
    /// <inheritdoc />
    public override BackendPoolView? Evolve(BackendPoolView? snapshot, string id, IEvent e)
    {
        // Marten offers every stream's events to each inline projection; degradation switches are not pools.
        if (!BackendPoolStream.IsKey(id))
        {
            return snapshot;
        }

        var view = snapshot ?? new BackendPoolView(id, BackendPoolStream.ServiceOf(id), []);
        var next = e.Data switch
        {
            BackendAdded added => view with
            {
                Backends = [.. view.Backends.Where(member => member.InstanceId != added.InstanceId), ToMember(added, e.Timestamp)],
            },
            BackendRemoved removed => view with
            {
                Backends = [.. view.Backends.Where(member => member.InstanceId != removed.InstanceId)],
            },
            BackendWeightChanged changed => view with
            {
                Backends = [.. view.Backends.Select(member => member.InstanceId == changed.InstanceId ? member with { Weight = changed.Weight } : member)],
            },
            DrainStarted started => view with { Drains = [.. view.Drains.Where(drain => drain.SagaId != started.SagaId), Extend(view, started, e)] },
            DrainFinished finished => view with { Drains = [.. view.Drains.Where(drain => drain.SagaId != finished.SagaId)] },
            _ => view,
        };
        return WithDrainDeadlines(next);
    }

    private static PoolMemberView ToMember(BackendAdded added, DateTimeOffset addedAt) =>
        new(added.InstanceId, added.Endpoint, added.Weight, added.SagaId, addedAt);

    private static PendingDrainView Extend(BackendPoolView view, DrainStarted started, IEvent e)
    {
        var pending = view.Drains.FirstOrDefault(drain => drain.SagaId == started.SagaId);
        if (pending is null)
        {
            return new PendingDrainView(started.SagaId, [.. started.InstanceIds], started.Until, e.CorrelationId, e.CausationId, started.KeepMembers);
        }

        var extended = new PendingDrain(pending.InstanceIds, pending.Until, pending.KeepMembers).Extend(started);
        return pending with { InstanceIds = extended.InstanceIds, Until = extended.Until };
    }

    // A member is draining while any pending drain lists it, with the earliest of their deadlines, the same rule as
    // BackendPool.IsDraining.
    private static BackendPoolView WithDrainDeadlines(BackendPoolView view) => view with
    {
        Backends = [.. view.Backends.Select(member => member with
        {
            DrainingUntil = view.Drains
                .Where(drain => drain.InstanceIds.Contains(member.InstanceId))
                .Select(drain => (DateTimeOffset?)drain.Until)
                .Min(),
        })],
    };
}
