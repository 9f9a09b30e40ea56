using JasperFx.Events;

namespace Surge.ServiceDefaults.Audit;

/// <summary>One stored event as the audit API returns it.</summary>
/// <param name="Service">The service whose event store holds the event.</param>
/// <param name="Stream">The key of the stream the event belongs to.</param>
/// <param name="Version">The event's version within its stream, starting at 1.</param>
/// <param name="Sequence">The event's position in the service's whole event store.</param>
/// <param name="Type">The event's type name.</param>
/// <param name="Timestamp">When the event was committed.</param>
/// <param name="CorrelationId">The correlation id of the request that caused it.</param>
/// <param name="CausationId">The id of the message whose handling appended it.</param>
/// <param name="Data">The event's body.</param>
public sealed record AuditEvent(
    string Service,
    string Stream,
    long Version,
    long Sequence,
    string Type,
    DateTimeOffset Timestamp,
    string? CorrelationId,
    string? CausationId,
    object Data)
{
    /// <summary>Creates the audit view of a Marten event.</summary>
    public static AuditEvent From(string service, IEvent stored) => new(
        service,
        stored.StreamKey ?? stored.StreamId.ToString(),
        stored.Version,
        stored.Sequence,
        stored.EventType.Name,
        stored.Timestamp,
        stored.CorrelationId,
        stored.CausationId,
        stored.Data);
}
