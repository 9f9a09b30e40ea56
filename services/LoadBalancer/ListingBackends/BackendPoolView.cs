using JasperFx.Events;
using Marten.Events.Aggregation;
using Surge.LoadBalancer.Pools;

namespace Surge.LoadBalancer.ListingBackends;

/// <summary>The read model of one service's pool, keyed by the pool's stream key, from which the data plane configuration is built.</summary>
public sealed record BackendPoolView(string Id, string Service, IReadOnlyList<PoolMemberView> Backends);

/// <summary>One member of a pool as the control API lists it.</summary>
public sealed record PoolMemberView(Guid InstanceId, string Endpoint, int Weight, Guid SagaId, DateTimeOffset AddedAt);

/// <summary>Projects a pool's events into its <see cref="BackendPoolView"/> in the transaction that appends them.</summary>
public sealed class BackendPoolProjection : SingleStreamProjection<BackendPoolView, string>
{
    /// <inheritdoc />
    public override BackendPoolView? Evolve(BackendPoolView? snapshot, string id, IEvent e)
    {
        var view = snapshot ?? new BackendPoolView(id, BackendPoolStream.ServiceOf(id), []);
        return e.Data switch
        {
            BackendAdded added => view with
            {
                Backends = [.. view.Backends.Where(member => member.InstanceId != added.InstanceId), ToMember(added, e.Timestamp)],
            },
            BackendRemoved removed => view with
            {
                Backends = [.. view.Backends.Where(member => member.InstanceId != removed.InstanceId)],
            },
            _ => view,
        };
    }

    private static PoolMemberView ToMember(BackendAdded added, DateTimeOffset addedAt) =>
        new(added.InstanceId, added.Endpoint, added.Weight, added.SagaId, addedAt);
}
