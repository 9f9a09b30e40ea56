using JasperFx.Events;
using Marten.Events.Aggregation;

namespace Surge.Capacity.Pools;

/// <summary>The current declaration of a pool.</summary>
public sealed record PoolView(string Id, string Name, PoolSpec Spec)
{
    /// <summary>The stream key of a pool.</summary>
    public static string StreamKey(string name) => $"pool/{name}";
}

/// <summary>Keeps <see cref="PoolView"/> in step with the pool's stream, inside the transaction that appends to it.</summary>
public sealed class PoolViewProjection : SingleStreamProjection<PoolView, string>
{
    /// <inheritdoc />
    public override PoolView? Evolve(PoolView? snapshot, string id, IEvent e) => e.Data switch
    {
        PoolSpecified specified => new PoolView(id, specified.Name, specified.Spec),
        _ => snapshot,
    };
}
