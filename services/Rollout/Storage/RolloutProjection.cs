using JasperFx.Events;
using Marten.Events.Aggregation;
using Surge.Rollout.Saga;

namespace Surge.Rollout.Storage;

/// <summary>Keeps <see cref="RolloutState"/> in step with the rollout's stream, inside the transaction that appends to it.</summary>
public sealed class RolloutProjection : SingleStreamProjection<RolloutState, string>
{
    /// <inheritdoc />
    public override RolloutState? Evolve(RolloutState? snapshot, string id, IEvent e)
    {
        var next = RolloutDecider.Evolve(snapshot, e.Data);
        return next is { CorrelationId: null } ? next with { CorrelationId = e.CorrelationId } : next;
    }
}
