using JasperFx.Events;
using Marten.Events.Aggregation;

namespace Surge.Capacity.ScaleOut;

/// <summary>Keeps <see cref="ScaleOutState"/> in step with the saga's stream, inside the transaction that appends to it.</summary>
public sealed class ScaleOutProjection : SingleStreamProjection<ScaleOutState, string>
{
    /// <inheritdoc />
    public override ScaleOutState? Evolve(ScaleOutState? snapshot, string id, IEvent e)
    {
        var next = ScaleOutDecider.Evolve(snapshot, e.Data);
        return next is { CorrelationId: null } ? next with { CorrelationId = e.CorrelationId } : next;
    }
}
