using JasperFx.Events;
using Marten.Events.Aggregation;

namespace Surge.Capacity.ScaleIn;

/// <summary>Keeps <see cref="ScaleInState"/> in step with the saga's stream, inside the transaction that appends to it.</summary>
public sealed class ScaleInProjection : SingleStreamProjection<ScaleInState, string>
{
    /// <inheritdoc />
    public override ScaleInState? Evolve(ScaleInState? snapshot, string id, IEvent e)
    {
        var next = ScaleInDecider.Evolve(snapshot, e.Data);
        return next is { CorrelationId: null } ? next with { CorrelationId = e.CorrelationId } : next;
    }
}
