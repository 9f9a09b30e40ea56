using JasperFx.Events;
using Marten.Events.Aggregation;

namespace Surge.Capacity.Incidents;

/// <summary>
/// Keeps <see cref="IncidentState"/> in step with the alert's stream, inside the transaction that appends to it, so
/// a second delivery of the same alert reads the first one's decision and the timer finds due incidents by query.
/// </summary>
public sealed class IncidentProjection : SingleStreamProjection<IncidentState, string>
{
    /// <inheritdoc />
    public override IncidentState? Evolve(IncidentState? snapshot, string id, IEvent e)
    {
        var next = IncidentDecider.Evolve(snapshot, e.Data, id);
        return next is not null && (e.Data is AlertMatched || next.CorrelationId is null) ? next with { CorrelationId = e.CorrelationId } : next;
    }
}
