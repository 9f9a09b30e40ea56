using System.Text.Json;

namespace Surge.Cli.Http;

/// <summary>One stored event as the audit API returns it.</summary>
/// <param name="Service">The service whose event store contains the event.</param>
/// <param name="Stream">The key of the stream the event belongs to.</param>
/// <param name="Sequence">The event's position in its service's event store; with the service it identifies the event.</param>
/// <param name="Type">The event's type name, such as <c>AddressesAssigned</c>.</param>
/// <param name="Data">The event's body.</param>
internal sealed record AuditEventView(
    string Service,
    string Stream,
    long Version,
    long Sequence,
    string Type,
    DateTimeOffset Timestamp,
    string? CorrelationId,
    string? CausationId,
    JsonElement Data);
